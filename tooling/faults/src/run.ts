/**
 * One fault run: a durable stack of its own with the API server and the worker (`system.ts`),
 * restaurants and signed-in guests (`guests.ts`), orders at a fixed rate (`load.ts`) while the
 * faults happen (`faults.ts`), then the checks (`verify.ts`) and a printable report.
 */
import { DEV_SMS_OUTBOX_PER_RECIPIENT } from "@tabletap/notify";
import { GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { cacheTags, createCache } from "@tabletap/cache";
import { MenuItem } from "@tabletap/db";
import { createRedis } from "@tabletap/redis";
import { closeClients } from "./client";
import { runFaults, type FaultPlan, type FaultRecord } from "./faults";
import { seedRestaurants, signInGuests } from "./guests";
import { placeOrders } from "./load";
import { startFaultSystem } from "./system";
import { verifyRun, workerLogOf, type Verdict } from "./verify";

export interface FaultRunOptions {
  /** Orders to place in all. */
  orders: number;
  /**
   * Guests placing them: at most 14 orders each on average, as the dev SMS outbox keeps a
   * guest's newest 20 texts (room for the sign-in code and for guests who get more turns).
   */
  guests: number;
  /** Guests signed in through the real OTP flow (the rest by the fixture); OTP_POLICY allows 20 code requests per IP an hour. */
  otpGuests: number;
  /** Restaurants (10 tables each) the guests sit in. */
  restaurants: number;
  /** Orders started per second. */
  ratePerS: number;
  /** How long a guest keeps retrying an order after transient errors, seconds. */
  retryForS: number;
  plan: FaultPlan;
  /** How long to wait after the load for every order to be processed and texted, seconds. */
  settleS: number;
  logsDir: string;
  log: (line: string) => void;
}

export interface FaultRunResult {
  options: Omit<FaultRunOptions, "log">;
  faults: FaultRecord[];
  verdict: Verdict;
  /** Seconds the load took (the first order's start to the last order's final answer). */
  loadS: number;
}

/** The run's sizes: `full` is the documented run (`pnpm faults`), `short` the one in the test command. */
export const FAULT_PRESETS = {
  full: {
    orders: 1_000,
    guests: 250,
    otpGuests: 15,
    restaurants: 10,
    ratePerS: 8,
    retryForS: 45,
    plan: { sqsDownS: 30, redisDownS: 5, mongodbDownS: 5, gapShare: 0.08 },
    settleS: 240,
  },
  short: {
    orders: 200,
    guests: 50,
    otpGuests: 15,
    restaurants: 2,
    ratePerS: 5,
    retryForS: 45,
    plan: { sqsDownS: 10, redisDownS: 3, mongodbDownS: 3, gapShare: 0.05 },
    settleS: 180,
  },
} satisfies Record<string, Omit<FaultRunOptions, "logsDir" | "log">>;

/** The share of the orders kept for faults still to come (started at 1 per second until they are done). */
const HOLD_BACK_SHARE = 0.2;

/**
 * Runs the fault suite and returns its figures; stops everything it started, also on failure.
 * @throws RangeError when a guest would get more orders than the dev SMS outbox keeps texts for;
 *   Error when the system does not start or a service does not come back.
 */
export async function runFaultSuite(opts: FaultRunOptions): Promise<FaultRunResult> {
  const perGuest = Math.ceil(opts.orders / opts.guests);
  if (perGuest + 1 > DEV_SMS_OUTBOX_PER_RECIPIENT - 5)
    throw new RangeError(`faults: ${perGuest} orders per guest is too many to count their texts: add guests`);
  const { log } = opts;
  const system = await startFaultSystem({ logsDir: opts.logsDir, log });
  const { env } = system;
  const redis = createRedis(env.REDIS_URL ?? "", { name: "faults" });
  // Down on purpose for a while: its commands fail then (none are sent), no need to print each reconnection.
  redis.on("error", () => undefined);
  const sqs = new SQSClient({
    endpoint: env.SQS_ENDPOINT,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? "", secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "" },
    maxAttempts: 1,
  });
  try {
    log(`seeding ${opts.restaurants} restaurants`);
    const restaurants = await seedRestaurants(opts.restaurants);
    log(`signing in ${opts.guests} guests (${opts.otpGuests} through the OTP flow)`);
    const guests = await signInGuests({
      apiUrl: system.api.guest,
      env,
      redis,
      restaurants,
      count: opts.guests,
      otpGuests: opts.otpGuests,
    });
    const queues = { orders: env.SQS_ORDERS_QUEUE ?? "", dlq: env.SQS_ORDERS_DLQ ?? "" };
    const ordersQueueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queues.orders }))).QueueUrl ?? "";

    let specialOnMenu = true;
    const take86 = async () => {
      specialOnMenu = false;
      await MenuItem.updateMany({ _id: { $in: restaurants.map((r) => r.special) } }, { $set: { available: false } });
      // As every menu write does (invalidateRestaurant in @tabletap/api): the API's cached menus go.
      const cache = createCache({ redisUrl: env.REDIS_URL ?? "", name: "faults" });
      await cache.deleteByTag({ tags: restaurants.map((r) => cacheTags.restaurant(r.id)) });
      await cache.disconnect();
    };
    let started = 0;
    let faultsDone = false;
    const loadStart = Date.now();
    const nowS = () => (Date.now() - loadStart) / 1000;
    log(`placing ${opts.orders} orders at ${opts.ratePerS}/s`);
    const [placements, faults] = await Promise.all([
      placeOrders({
        apiUrl: system.api.guest,
        guests,
        orders: opts.orders,
        ratePerS: opts.ratePerS,
        retryForS: opts.retryForS,
        addSpecial: (i) => specialOnMenu && i % 4 === 0,
        onStarted: (n) => (started = n),
        holdBack: { reserve: Math.ceil(opts.orders * HOLD_BACK_SHARE), slowRatePerS: 1, faultsDone: () => faultsDone },
      }),
      runFaults({
        system,
        sqs,
        ordersQueueUrl,
        plan: opts.plan,
        progress: { started: () => started, total: opts.orders, nowS },
        take86,
        log,
      }).finally(() => (faultsDone = true)),
    ]);
    const loadS = nowS();
    log(`load done in ${loadS.toFixed(1)} s; waiting up to ${opts.settleS} s for the worker, then checking`);
    const verdict = await verifyRun({
      placements,
      guests,
      restaurants,
      redis,
      sqs,
      queues,
      staffApiUrl: system.api.staff,
      workerLog: workerLogOf(opts.logsDir),
      settleS: opts.settleS,
    });
    const { log: _log, ...options } = opts;
    return { options, faults, verdict, loadS };
  } finally {
    closeClients();
    sqs.destroy();
    redis.disconnect();
    await system.stop();
  }
}

const count = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([what, n]) => `${what} ×${n}`)
    .join(", ") || "none";

/** The run as text: the faults, the order figures, the SMS and DLQ figures, and every problem found. */
export function formatReport(result: FaultRunResult): string {
  const { options: o, verdict: v } = result;
  const lines = [
    `Fault run: ${o.orders} orders from ${o.guests} guests (${o.otpGuests} signed in by OTP) at ${o.restaurants * 10} tables of ${o.restaurants} restaurants, ${o.ratePerS} orders/s; load took ${result.loadS.toFixed(1)} s`,
    "Faults:",
    ...result.faults.map(
      (f) =>
        `  ${f.fromS.toFixed(1).padStart(6)}–${f.toS.toFixed(1).padEnd(6)} s  ${f.name}: ${f.details}; ${f.ordersStarted} orders started meanwhile`,
    ),
    `Orders: attempted ${v.orders.attempted}, succeeded ${v.orders.succeeded}, failed with an error ${v.orders.failed} (last answer: ${count(v.orders.failedBy)})`,
    `  requests ${v.orders.requests} (retries included); error answers: ${count(v.orders.errorAnswers)}`,
    `  stored ${v.orders.stored}: accepted ${v.orders.accepted}, rejected ${v.orders.rejected} (the 86'd special), stored although every attempt failed ${v.orders.storedAfterError}`,
    `SMS: ${v.sms.status} status SMS for ${v.sms.expectedStatus} orders; ${v.sms.otp} sign-in codes for ${v.sms.otpGuests} OTP sign-ins`,
    `DLQ: ${v.dlq.messages} messages, ${v.problems.unexplainedDlq.length} unexplained`,
    ...v.dlq.explained.map((e) => `  explained: ${e}`),
    `Settled ${v.settledAfterS.toFixed(1)} s after the load`,
  ];
  const problems = Object.entries(v.problems).filter(([, list]) => list.length > 0);
  lines.push(
    problems.length === 0
      ? "Every rule held: nothing answered with success was lost or stored twice, every order is accepted or rejected, one SMS for each rejection and none for an acceptance, the queues and outboxes are drained."
      : "PROBLEMS:",
  );
  for (const [rule, list] of problems) {
    lines.push(`  ${rule}: ${list.length}`);
    for (const item of list.slice(0, 10)) lines.push(`    ${item}`);
    if (list.length > 10) lines.push(`    ... and ${list.length - 10} more`);
  }
  return lines.join("\n");
}
