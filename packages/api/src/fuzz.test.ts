/**
 * The fuzz suite (issue 8): every procedure each app serves (`audienceRouters`, discovered from
 * the routers themselves), called over real HTTP at that app's endpoint of a running API server
 * (`startApiServer`) as the browser's tRPC client calls it, with property-based inputs (fast-check)
 * derived from the procedure's own zod input schema: valid-shaped ones, with real table codes,
 * item and order ids of a seeded restaurant mixed in so that some reach the code behind the
 * validation, and invalid ones (anything, wrong types, missing and unknown fields, `$` operators,
 * huge strings, deep nesting, malformed JSON); each as an anonymous caller, a signed-in guest or a
 * signed-in staff member. It holds when:
 * - no answer is a 5xx (a subscription's error event counts with its HTTP status);
 * - the server never crashes or hangs: every call is answered, both endpoints still answer
 *   `/healthz` afterwards, and an unhandled rejection fails the run;
 * - a refused mutation stores nothing: the number of documents in the database, the orders the
 *   fuzz names, its guests, the staff accounts and the newest SMS sent are the same after it.
 * The seed is fixed and printed; on a failure fast-check prints the counterexample with the seed
 * and path that replay it. The requests and answers per procedure are printed at the end.
 */
import { randomInt, randomUUID } from "node:crypto";
import { SESSION_COOKIES, type SessionAudience } from "@tabletap/auth";
import { API_LIMITS } from "@tabletap/core/api-limits";
import { Customer, MenuItem, Order, Staff } from "@tabletap/db";
import { readDevOutbox } from "@tabletap/notify";
import type { AnyProcedure } from "@trpc/server";
import fc from "fast-check";
import mongoose from "mongoose";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromJsonSchema, inputJsonSchema, invalidInputs, type FuzzInput, type Hints } from "./fuzz/arbitraries";
import { callProcedure, CookieJar, type CallOutcome, type ProcedureType } from "./fuzz/http";
import { audienceRouters } from "./root";
import { startApiServer, type RunningApiServer } from "./server";
import { seedRestaurant, signedInGuest, signedInStaff, testServices, type TestClient } from "./testing";

/** The fixed seed of every property (fast-check prints it, with the path, on a failure). */
const SEED = 20_260_808;
/**
 * Runs per procedure: valid-shaped inputs, then invalid ones. tRPC never reads the input of a
 * procedure without one, so those get fewer.
 */
const RUNS = { valid: 100, invalid: 100 };
const NO_INPUT_RUNS = { valid: 20, invalid: 20 };
/**
 * The time the properties share (ms): each stops when its share is spent, passing with the runs
 * done (counted in the output). It bounds the suite at about two minutes on a busy machine (see the per-property floor below); on an
 * idle one every run is done well within it.
 */
const TIME_BUDGET_MS = 90_000;
/** Longest raw input of a GET (query or subscription): it travels in the URL, which Node caps at 16 KB. */
const MAX_URL_INPUT = 4_000;
/** Longest raw input of a mutation body: past `API_LIMITS.maxBodyBytes`, which answers 413. */
const MAX_BODY_INPUT = 2 * API_LIMITS.maxBodyBytes;

/**
 * The server behind one trusted proxy, so each fuzz request carries its client address in
 * `X-Forwarded-For` (`FUZZ_IPS`): the per-IP limits count the fuzz's own addresses, not
 * 127.0.0.1, which other tests on this stack share.
 */
const services = testServices({ TRUST_PROXY_HOPS: "1", LOG_LEVEL: "warn" });
const ipPrefix = `10.${randomInt(256)}.${randomInt(256)}`;
const FUZZ_IPS = [1, 2, 3, 4].map((host) => `${ipPrefix}.${host}`);

type Role = "anonymous" | "guest" | "staff";

/** A procedure an app serves: the app (its endpoint), the path, the type and the input schema (none without input). */
interface Procedure {
  audience: SessionAudience;
  path: string;
  type: ProcedureType;
  input: z.ZodType | undefined;
}

/** Every procedure of each app's router (tRPC keeps them in a flat record by path, e.g. `order.place`). */
const procedures: Procedure[] = Object.entries(audienceRouters).flatMap(([audience, router]) =>
  Object.entries(router._def.procedures as unknown as Record<string, AnyProcedure>).map(([path, procedure]) => {
    const [input, ...more] = procedure._def.inputs;
    if (more.length > 0 || (input !== undefined && !(input instanceof z.ZodType)))
      throw new Error(`${path}: the fuzz derives inputs from one zod schema per procedure`);
    return { audience: audience as SessionAudience, path, type: procedure._def.type, input };
  }),
);
/**
 * Each property's share of `TIME_BUDGET_MS`, but never under `MIN_PROPERTY_TIME_MS`: fast-check
 * fails a property interrupted before its first run, and on a loaded machine one call (a cold
 * connection, a bcrypt hash) can take longer than an even share of the budget.
 */
const MIN_PROPERTY_TIME_MS = 2_000;
const PROPERTY_TIME_LIMIT_MS = Math.max(Math.floor(TIME_BUDGET_MS / (2 * procedures.length)), MIN_PROPERTY_TIME_MS);

/** Requests and answers per procedure. */
const counts = new Map<
  string,
  { requests: number; ok: number; clientError: number; serverError: number; seconds: number }
>();
function count(path: string, status: number): void {
  const entry = counts.get(path) ?? { requests: 0, ok: 0, clientError: 0, serverError: 0, seconds: 0 };
  entry.requests += 1;
  if (status >= 500) entry.serverError += 1;
  else if (status >= 400) entry.clientError += 1;
  else entry.ok += 1;
  counts.set(path, entry);
}

let server: RunningApiServer;
let seeded: Awaited<ReturnType<typeof seedRestaurant>>;
let other: Awaited<ReturnType<typeof seedRestaurant>>;
/** The signed-in sessions, kept like a browser keeps cookies; signed in anew when an answer ends them. */
const jars = {
  guest: new CookieJar(Object.values(SESSION_COOKIES.guest)),
  staff: new CookieJar(Object.values(SESSION_COOKIES.staff)),
};
/** Orders the fuzz's inputs name: the current fuzz guest's own, and others' (another guest's, another restaurant's). */
const orderIds = { own: [] as string[], all: [] as string[] };
/** Every fuzz guest's customer id. */
const customerIds: string[] = [];
let hints: Hints;

/** A dessert line any guest can order at `restaurant` (no choices to make). */
function dessert(restaurant: typeof seeded) {
  return { menuItemId: restaurant.items.get("Rasmalai")!._id.toString(), quantity: 1 };
}

/** Places an order of `client` at `restaurant`'s table `table` in process; returns its id. */
async function placeOrder(client: TestClient, restaurant: typeof seeded, table = 0): Promise<string> {
  const order = await client.call((api) =>
    api.order.place({
      tableCode: restaurant.tables[table]!.code,
      idempotencyKey: randomUUID(),
      items: [dessert(restaurant)],
    }),
  );
  orderIds.all.push(order.id);
  return order.id;
}

/**
 * Signs a new fuzz guest in (a new phone: a sign-in code can't be requested twice in 30 s) and
 * places an order of theirs (at the next table, as order limits count per table), so the fuzz's
 * order ids reach one of the guest's own orders; none when the order is refused (a limit).
 */
async function newGuest(): Promise<TestClient> {
  const guest = await signedInGuest();
  const session = await guest.call((api) => api.auth.session());
  if (session.guest) customerIds.push(session.guest.id);
  const table = customerIds.length % seeded.tables.length;
  orderIds.own = await placeOrder(guest, seeded, table).then(
    (id) => [id],
    () => [],
  );
  return guest;
}

/**
 * Signs the fuzz guest and staff member in again when an answer (e.g. `auth.logout`) ended
 * their session. Returns whether it did (and so stored something).
 */
async function ensureSessions(): Promise<boolean> {
  let changed = false;
  if (!jars.guest.has(SESSION_COOKIES.guest.access)) {
    jars.guest.set((await newGuest()).cookies);
    changed = true;
  }
  if (!jars.staff.has(SESSION_COOKIES.staff.access)) {
    jars.staff.set((await signedInStaff(seeded)).cookies);
    changed = true;
  }
  return changed;
}

/**
 * What a refused call must not change: the number of documents in the database, the documents
 * the fuzz's inputs reach (orders, the guests, the staff accounts) and the newest SMS sent.
 */
async function storedState(): Promise<unknown> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("MongoDB is not connected");
  const [stats, orders, customers, staff, [newestSms]] = await Promise.all([
    db.stats(),
    Order.find({ _id: { $in: orderIds.all } }).lean(),
    Customer.find({ _id: { $in: customerIds } }).lean(),
    Staff.find({ email: { $in: seeded.staff.map((s) => s.email) } }).lean(),
    readDevOutbox(services.redis, { limit: 1 }),
  ]);
  // As JSON would carry it (ids and dates as strings), so a difference shows field by field.
  return JSON.parse(
    JSON.stringify({ documents: stats.objects as number, orders, customers, staff, newestSms: newestSms ?? null }),
  );
}

/**
 * The fuzz calls, one after the other. A property stopped by its time limit leaves its last call
 * running (fast-check stops waiting for it): the next call waits for it, and its failure, which
 * fast-check no longer sees, is kept in `lateFailure`.
 */
let previousCall: Promise<void> = Promise.resolve();
let lateFailure: Error | undefined;
function oneAtATime(call: () => Promise<void>): Promise<void> {
  const run = previousCall.then(call);
  previousCall = run.catch((error: unknown) => {
    lateFailure ??= error instanceof Error ? error : new Error(String(error));
  });
  return run;
}

/** Waits for the last fuzz call; returns (and forgets) the failure of a call fast-check stopped waiting for. */
async function settled(): Promise<Error | undefined> {
  await previousCall;
  const failure = lateFailure;
  lateFailure = undefined;
  return failure;
}

/** The stored state before the next call; undefined after a call that may have stored something. */
let knownState: unknown;

/**
 * One fuzz call: `input` to `procedure` as `role` from `ip`; checks that the answer is not a
 * 5xx and, for a mutation (queries and subscriptions only read), that a refused call stored nothing.
 */
async function fuzzCall(procedure: Procedure, sample: { role: Role; ip: string; input: FuzzInput }): Promise<void> {
  if (await ensureSessions()) knownState = undefined;
  const mutation = procedure.type === "mutation";
  const before = mutation ? (knownState ??= await storedState()) : undefined;
  const { role } = sample;
  const headers: Record<string, string> = { "x-forwarded-for": sample.ip };
  if (role !== "anonymous") headers.cookie = jars[role].header();
  let outcome: CallOutcome;
  try {
    outcome = await callProcedure({
      baseUrl: server.urls[procedure.audience],
      path: procedure.path,
      type: procedure.type,
      input: sample.input,
      headers,
    });
  } catch (error) {
    throw new Error(`${procedure.audience}: ${procedure.path}: no answer (did the server crash or hang?)`, {
      cause: error,
    });
  }
  count(`${procedure.audience}: ${procedure.path}`, outcome.status);
  if (role !== "anonymous") jars[role].apply(outcome.setCookies);
  const answer = `${procedure.audience}: ${procedure.path} as ${role} answered ${outcome.status} ${outcome.code ?? ""}`;
  expect(outcome.status, answer).toBeLessThan(500);
  if (!mutation) return;
  if (outcome.status >= 400) expect(await storedState(), `${answer} but stored something`).toEqual(before);
  else knownState = undefined;
}

beforeAll(async () => {
  server = await startApiServer({ services, host: "127.0.0.1", ports: { guest: 0, staff: 0 } });
  seeded = await seedRestaurant();
  other = await seedRestaurant();
  const staff = await signedInStaff(seeded);
  jars.staff.set(staff.cookies);
  await ensureSessions();
  // Orders of others: an accepted one of another guest, and one at another restaurant.
  const otherGuest = await signedInGuest();
  const accepted = await placeOrder(otherGuest, seeded, 1);
  await staff.call((api) => api.kitchen.advance({ orderId: accepted, to: "accepted" }));
  await placeOrder(otherGuest, other);

  const items = await MenuItem.find({ restaurantId: { $in: [seeded.restaurantId, other.restaurantId] } }).lean();
  const optionIds = items.flatMap((item) => item.modifierGroups.flatMap((g) => g.options.map((o) => o._id.toString())));
  const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
  // One of the ids the list holds when the input is generated (the current guest's change).
  const pick = (ids: () => string[]) =>
    fc.nat().map((i) => {
      const list = ids().length > 0 ? ids() : orderIds.all;
      return list[i % list.length];
    });
  hints = {
    tableCode: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...seeded.tables.map((t) => t.code)) },
      { weight: 1, arbitrary: fc.constantFrom(...other.tables.map((t) => t.code)) },
    ),
    // Lines the seeded restaurant takes as they are (mixed, like every hint, with generic ones).
    items: fc.array(fc.constant(dessert(seeded)), { minLength: 1, maxLength: 3 }),
    menuItemId: fc.constantFrom(...items.map((item) => item._id.toString())),
    optionIds: fc.subarray(optionIds, { maxLength: 3 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    idempotencyKey: fc.uuid(),
    orderId: fc.oneof(
      pick(() => orderIds.own),
      pick(() => orderIds.all),
    ),
    phone: fc.oneof(
      digits(9).map((d) => `+919${d}`),
      digits(9).map((d) => `9${d.slice(0, 4)} ${d.slice(4)}`),
    ),
    code: digits(6),
    email: fc.oneof(fc.constantFrom(...seeded.staff.map((s) => s.email)), fc.emailAddress()),
    password: fc.oneof(fc.constantFrom(...seeded.staff.map((s) => s.password)), fc.string()),
    // Redis stream ids, up to 20 digits a part: past 64 bits too (Redis refuses those).
    lastEventId: fc.oneof(
      fc.constant("0-0"),
      fc.tuple(fc.bigInt(0n, 10n ** 20n - 1n), fc.bigInt(0n, 10n ** 20n - 1n)).map(([ms, seq]) => `${ms}-${seq}`),
    ),
  };
  console.log(
    `fuzz: seed ${SEED}, per procedure ${RUNS.valid} valid + ${RUNS.invalid} invalid inputs ` +
      `(${NO_INPUT_RUNS.valid} + ${NO_INPUT_RUNS.invalid} without input), at most ${PROPERTY_TIME_LIMIT_MS / 1000} s each`,
  );
});

afterAll(async () => {
  const rows = [...counts].map(([path, c]) =>
    [path.padEnd(30), c.requests, c.ok, c.clientError, c.serverError, c.seconds.toFixed(1)].map(String).join("\t"),
  );
  const total = [...counts.values()].reduce(
    (sum, c) => ({
      requests: sum.requests + c.requests,
      clientError: sum.clientError + c.clientError,
      serverError: sum.serverError + c.serverError,
    }),
    { requests: 0, clientError: 0, serverError: 0 },
  );
  console.log(
    [
      `fuzz (seed ${SEED}): ${total.requests} requests, ${total.clientError} 4xx, ${total.serverError} 5xx`,
      ["app: procedure".padEnd(30), "requests", "2xx/3xx", "4xx", "5xx", "seconds"].join("\t"),
      ...rows,
    ].join("\n"),
  );
  await server.close();
});

describe("fuzz: every procedure over HTTP", () => {
  const role = fc.oneof(
    { weight: 1, arbitrary: fc.constant<Role>("anonymous") },
    { weight: 2, arbitrary: fc.constant<Role>("guest") },
    { weight: 2, arbitrary: fc.constant<Role>("staff") },
  );
  const ip = fc.constantFrom(...FUZZ_IPS);

  for (const procedure of procedures) {
    it(`${procedure.audience}: ${procedure.path} (${procedure.type}): no 5xx, nothing stored when refused`, async () => {
      await settled();
      const schema = procedure.input ? inputJsonSchema(procedure.input) : undefined;
      const valid = schema ? fromJsonSchema(schema, hints) : fc.constant(undefined);
      const maxRawLength = procedure.type === "mutation" ? MAX_BODY_INPUT : MAX_URL_INPUT;
      const started = performance.now();
      const check = (sample: { role: Role; ip: string; input: FuzzInput }) =>
        oneAtATime(() => fuzzCall(procedure, sample));
      const validInput = valid.map((value): FuzzInput => ({ kind: "value", value }));
      const runs = procedure.input ? RUNS : NO_INPUT_RUNS;
      // A failure is shrunk to a small counterexample within the property's time share.
      const options = { seed: SEED, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS };
      await fc.assert(fc.asyncProperty(fc.record({ role, ip, input: validInput }), check), {
        ...options,
        numRuns: runs.valid,
      });
      const invalid = invalidInputs(schema, valid, { maxRawLength });
      await fc.assert(fc.asyncProperty(fc.record({ role, ip, input: invalid }), check), {
        ...options,
        numRuns: runs.invalid,
      });
      const late = await settled();
      if (late) throw late;
      const entry = counts.get(`${procedure.audience}: ${procedure.path}`);
      if (entry) entry.seconds = (performance.now() - started) / 1000;
    }, 120_000);
  }

  it("leaves the server up: both endpoints still answer", async () => {
    for (const url of Object.values(server.urls)) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect([...counts.values()].reduce((sum, c) => sum + c.serverError, 0)).toBe(0);
  });
});
