/**
 * What the run left behind, checked against what the guests were told: every order answered
 * with success is stored exactly once and reached `accepted` or `rejected`; every guest got
 * exactly one status SMS per order (the dev SMS outbox in Redis, read per recipient); each
 * kitchen display shows exactly the accepted orders; the dead-letter queue is empty or each message in it is explained; the orders queue and the
 * outboxes are drained.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { Order, toOrderView, type OrderDoc } from "@tabletap/db";
import { orderRejectedSms, readDevOutbox, type DevSmsMessage } from "@tabletap/notify";
import type { Redis } from "@tabletap/redis";
import { clientAddress } from "./client";
import { kitchenBoard, type FaultRestaurant, type Guest } from "./guests";
import type { Placement } from "./load";

/** The run's figures; every list names what broke a rule (empty when the rule held). */
export interface Verdict {
  orders: {
    attempted: number;
    succeeded: number;
    /** Orders whose every attempt failed (transient errors past the retry time, or a final error), by last answer. */
    failed: number;
    failedBy: Record<string, number>;
    /** Requests sent in all (retries included), and the non-success answers among them by status. */
    requests: number;
    errorAnswers: Record<string, number>;
    stored: number;
    accepted: number;
    rejected: number;
    /** Stored although every attempt of the guest failed (the guest's retry would have found it). */
    storedAfterError: number;
  };
  sms: { status: number; expectedStatus: number; otp: number; otpGuests: number };
  dlq: { messages: number; explained: string[] };
  /** Seconds from the end of the load until everything had settled (or the wait ran out). */
  settledAfterS: number;
  problems: {
    /** Answered with success but not stored (or stored under another id). */
    lost: string[];
    /** Idempotency keys stored more than once. */
    duplicates: string[];
    /** Stored orders nobody tried to place. */
    unknown: string[];
    /** Stored orders not `accepted` or `rejected` at the end. */
    notFinal: string[];
    /** Rejected orders that did not hold the 86'd special (nothing else should reject). */
    wrongRejections: string[];
    /** Orders whose guest did not get exactly one status SMS for it. */
    smsNotOnce: string[];
    /** Status SMS that match no order of the guest. */
    straySms: string[];
    /** OTP SMS not one per OTP sign-in. */
    otpSms: string[];
    /** Accepted orders missing from their kitchen's display (or shown with another status), and other orders shown there. */
    kitchen: string[];
    /** Dead-lettered messages no order explains. */
    unexplainedDlq: string[];
    /** The orders queue still holds messages, or orders still hold undelivered outbox events. */
    undrained: string[];
  };
}

const FINAL = new Set(["accepted", "rejected"]);
/** Client numbers of the managers reading the kitchen displays (after every guest's). */
const STAFF_CLIENTS = 60_000;
const isOtpSms = (message: DevSmsMessage) => message.body.includes("is your Tabletap code");

/**
 * The status SMS the worker sends for `order` (the exact template text): the rejection with its
 * reason; none for an accepted order (guests are texted when it is ready, not when the worker
 * hands it to the kitchen).
 */
function expectedSms(order: OrderDoc, restaurantName: string): string | null {
  return order.status === "rejected" ? orderRejectedSms(toOrderView(order), restaurantName) : null;
}

async function queueDepth(sqs: SQSClient, QueueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return {
    visible: Number(Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** Everything stored and texted, read once. */
async function snapshot(restaurants: FaultRestaurant[], guests: Guest[], redis: Redis) {
  const orders = await Order.find({ restaurantId: { $in: restaurants.map((r) => r.id) } }).lean<OrderDoc[]>();
  const outboxes = new Map(
    await Promise.all(
      guests.map(async (guest) => [guest.phone, await readDevOutbox(redis, { to: guest.phone, limit: 1000 })] as const),
    ),
  );
  return { orders, outboxes };
}

/**
 * Waits (polling every second, up to `settleS`) until every stored order is final, the orders
 * queue and every outbox are drained, and each order's status SMS was sent, then checks every
 * rule and returns the figures.
 */
export async function verifyRun(opts: {
  placements: Placement[];
  guests: Guest[];
  restaurants: FaultRestaurant[];
  redis: Redis;
  sqs: SQSClient;
  queues: { orders: string; dlq: string };
  /** The API server's staff URL, where the kitchens are read. */
  staffApiUrl: string;
  workerLog: string;
  settleS: number;
}): Promise<Verdict> {
  const { placements, guests, restaurants, redis, sqs } = opts;
  const ordersUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: opts.queues.orders }))).QueueUrl ?? "";
  const dlqUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: opts.queues.dlq }))).QueueUrl ?? "";
  const restaurantName = new Map(restaurants.map((r) => [r.id, r.name]));
  const guestByCustomer = new Map(guests.map((g) => [g.customerId, g]));

  const started = Date.now();
  let state = await snapshot(restaurants, guests, redis);
  let depth = await queueDepth(sqs, ordersUrl);
  const settled = () =>
    depth.visible + depth.inFlight === 0 &&
    state.orders.every((order) => {
      const guest = guestByCustomer.get(order.customerId.toString());
      const expected = expectedSms(order, restaurantName.get(order.restaurantId.toString()) ?? "");
      return (
        FINAL.has(order.status) &&
        order.outbox.length === 0 &&
        (state.outboxes.get(guest?.phone ?? "") ?? []).some((message) => message.body === expected)
      );
    });
  while (!settled() && Date.now() - started < opts.settleS * 1000) {
    await sleep(1000);
    state = await snapshot(restaurants, guests, redis);
    depth = await queueDepth(sqs, ordersUrl);
  }
  const settledAfterS = (Date.now() - started) / 1000;
  const { orders, outboxes } = state;

  const problems: Verdict["problems"] = {
    lost: [],
    duplicates: [],
    unknown: [],
    notFinal: [],
    wrongRejections: [],
    smsNotOnce: [],
    straySms: [],
    otpSms: [],
    kitchen: [],
    unexplainedDlq: [],
    undrained: [],
  };
  const label = (order: OrderDoc) =>
    `${restaurantName.get(order.restaurantId.toString()) ?? "?"} #${order.number} (${order._id.toString()})`;

  // Stored exactly once, as answered.
  const byKey = new Map<string, OrderDoc[]>();
  for (const order of orders) {
    const key = `${order.customerId.toString()}/${order.idempotencyKey}`;
    byKey.set(key, [...(byKey.get(key) ?? []), order]);
  }
  const placementByKey = new Map(placements.map((p) => [`${p.guest.customerId}/${p.idempotencyKey}`, p]));
  for (const [key, stored] of byKey) {
    if (stored.length > 1) problems.duplicates.push(`${key}: ${stored.length} orders`);
    if (!placementByKey.has(key)) problems.unknown.push(stored.map(label).join(", "));
  }
  let storedAfterError = 0;
  for (const [key, placement] of placementByKey) {
    const stored = byKey.get(key);
    if (placement.order && stored?.[0]?._id.toString() !== placement.order.id)
      problems.lost.push(
        `${placement.guest.phone} order ${placement.order.number} (${placement.order.id}), answered 200`,
      );
    if (!placement.order && stored) storedAfterError += 1;
  }

  // Final, and rejected only for the 86'd special.
  for (const order of orders) {
    if (!FINAL.has(order.status)) problems.notFinal.push(`${label(order)} is ${order.status}`);
    const restaurant = restaurants.find((r) => r.id === order.restaurantId.toString());
    const heldSpecial = order.lines.some((line) => line.menuItemId.toString() === restaurant?.special);
    if (order.status === "rejected" && !heldSpecial)
      problems.wrongRejections.push(`${label(order)}: ${order.rejectionReason}`);
    if (order.outbox.length > 0)
      problems.undrained.push(`${label(order)} still has ${order.outbox.length} outbox events`);
  }
  depth = await queueDepth(sqs, ordersUrl);
  if (depth.visible + depth.inFlight > 0)
    problems.undrained.push(`the orders queue holds ${depth.visible} messages (${depth.inFlight} in flight)`);

  // The kitchen shows every accepted order (still to cook) and nothing else.
  for (const [i, restaurant] of restaurants.entries()) {
    const { tickets, hidden } = await kitchenBoard(opts.staffApiUrl, restaurant, clientAddress(STAFF_CLIENTS + i));
    if (hidden > 0) problems.kitchen.push(`${restaurant.name}: the kitchen does not show ${hidden} tickets`);
    const board = new Map(tickets.map((t) => [t.id, t.status]));
    for (const order of orders.filter((o) => o.restaurantId.toString() === restaurant.id)) {
      const shown = board.get(order._id.toString());
      board.delete(order._id.toString());
      if (order.status === "accepted" && shown !== "accepted")
        problems.kitchen.push(
          `${label(order)} is accepted but the kitchen ${shown ? `shows it ${shown}` : "does not show it"}`,
        );
      if (order.status !== "accepted" && shown)
        problems.kitchen.push(`${label(order)} is ${order.status} but the kitchen shows it`);
    }
    for (const id of board.keys())
      problems.kitchen.push(`${restaurant.name}: the kitchen shows an order of no guest here (${id})`);
  }

  // One status SMS per order, nothing else but the sign-in code.
  let statusSms = 0;
  let otpSms = 0;
  const ordersOf = new Map<string, OrderDoc[]>();
  for (const order of orders)
    ordersOf.set(order.customerId.toString(), [...(ordersOf.get(order.customerId.toString()) ?? []), order]);
  for (const guest of guests) {
    const messages = outboxes.get(guest.phone) ?? [];
    const otp = messages.filter(isOtpSms);
    const status = messages.filter((message) => !isOtpSms(message));
    otpSms += otp.length;
    statusSms += status.length;
    const wantOtp = guest.signedInBy === "otp" ? 1 : 0;
    if (otp.length !== wantOtp)
      problems.otpSms.push(`${guest.phone}: ${otp.length} sign-in codes, expected ${wantOtp}`);
    const expected = (ordersOf.get(guest.customerId) ?? []).flatMap((order) => {
      const body = expectedSms(order, restaurantName.get(order.restaurantId.toString()) ?? "");
      return body === null ? [] : [{ order, body }];
    });
    for (const { order, body } of expected) {
      const sent = status.filter((message) => message.body === body).length;
      if (sent !== 1)
        problems.smsNotOnce.push(`${guest.phone} got ${sent} status SMS for ${label(order)} (${order.status})`);
    }
    for (const message of status)
      if (!expected.some(({ body }) => body === message.body))
        problems.straySms.push(`${guest.phone}: "${message.body}"`);
  }

  // The dead-letter queue: each message explained by its order's fate and the worker's log.
  const explained: string[] = [];
  const workerLog = existsSync(opts.workerLog) ? readFileSync(opts.workerLog, "utf8").split("\n") : [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 600,
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? "{}") as { id?: string; type?: string; orderId?: string };
      const order = orders.find((o) => o._id.toString() === event.orderId);
      const failures = workerLog.filter(
        (line) => event.id && line.includes(event.id) && line.includes("handler failed"),
      );
      const lastError = /"message":"([^"]*)"/.exec(failures.at(-1) ?? "")?.[1] ?? "no failure logged";
      const what = `${event.type ?? "?"} ${event.id ?? "?"} of ${order ? label(order) : `unknown order ${event.orderId}`}`;
      if (order && FINAL.has(order.status) && !problems.smsNotOnce.some((p) => p.includes(order._id.toString())))
        explained.push(
          `${what}: the order reached ${order.status} and was texted once through another delivery; this copy failed ${failures.length} times (last: ${lastError})`,
        );
      else problems.unexplainedDlq.push(`${what}: ${failures.length} logged failures (last: ${lastError})`);
    }
  }

  const failedBy: Record<string, number> = {};
  const errorAnswers: Record<string, number> = {};
  for (const placement of placements) {
    if (!placement.order) {
      const last = String(placement.answers.at(-1) ?? "none");
      failedBy[last] = (failedBy[last] ?? 0) + 1;
    }
    for (const answer of placement.answers)
      if (answer !== 200) errorAnswers[String(answer)] = (errorAnswers[String(answer)] ?? 0) + 1;
  }
  const succeeded = placements.filter((p) => p.order).length;
  return {
    orders: {
      attempted: placements.length,
      succeeded,
      failed: placements.length - succeeded,
      failedBy,
      requests: placements.reduce((sum, p) => sum + p.answers.length, 0),
      errorAnswers,
      stored: orders.length,
      accepted: orders.filter((o) => o.status === "accepted").length,
      rejected: orders.filter((o) => o.status === "rejected").length,
      storedAfterError,
    },
    sms: {
      status: statusSms,
      expectedStatus: orders.filter((o) => o.status === "rejected").length,
      otp: otpSms,
      otpGuests: guests.filter((g) => g.signedInBy === "otp").length,
    },
    dlq: { messages: explained.length + problems.unexplainedDlq.length, explained },
    settledAfterS,
    problems,
  };
}

/** The worker's log file of a run. */
export const workerLogOf = (logsDir: string) => join(logsDir, "worker.log");
