import { randomBytes, randomUUID } from "node:crypto";
import { disconnectDb, MenuItem, Order, transitionOrder, type OrderDoc } from "@tabletap/db";
import { EMAIL_POLICY, type OrderStatus } from "@tabletap/core";
import { createEmailSender, DevOutboxSmsSender, GuestEmailLimit, readDevOutbox } from "@tabletap/notify";
import { createSqsClient, ensureQueue, orderQueueSender } from "@tabletap/queue";
import { createCache } from "@tabletap/cache";
import { channels, createEventBus, createOrderChanges } from "@tabletap/realtime";
import { createRedis } from "@tabletap/redis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env";
import { handleOrderNotify } from "./order-notify";
import { handleOrderPlaced } from "./order-placed";
import { placedOrder, publishPlacedEvent, type PlacedOrder } from "./testing";
import { startWorker, type RunningWorker } from "./worker";

const queueName = `orders-test-${randomBytes(4).toString("hex")}`;
const env = loadWorkerEnv({
  ...process.env,
  SQS_ORDERS_QUEUE: queueName,
  OUTBOX_RELAY_INTERVAL_MS: "300",
  OUTBOX_RELAY_GRACE_MS: "500",
  OUTBOX_SWEEP_INTERVAL_MS: "300",
  WORKER_RECEIVE_WAIT_SECONDS: "1",
  LOG_LEVEL: "silent",
});
const log = pino({ level: "silent" });
const redis = createRedis(env.REDIS_URL);
const bus = createEventBus({ redis, createSubscriber: () => createRedis(env.REDIS_URL) });
const cache = createCache({ redisUrl: env.REDIS_URL, name: "test" });
const sqs = createSqsClient(env);
let worker: RunningWorker;

beforeAll(async () => {
  await ensureQueue(sqs, `${queueName}-dlq`);
  await ensureQueue(sqs, queueName, {
    deadLetterQueueName: `${queueName}-dlq`,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 2,
  });
  worker = await startWorker(env, log);
});

afterAll(async () => {
  await worker.stop();
  await cache.disconnect();
  await bus.close();
  await redis.quit();
  await disconnectDb();
});

/** Publishes the order's `order.placed` event to the worker's queue, as the API does. */
const publishPlaced = (order: PlacedOrder["order"]) => publishPlacedEvent(sqs, worker.queueUrl, order);

const stored = (orderId: string) => Order.findById(orderId).lean<OrderDoc>();
const statusOf = async (orderId: string) => (await stored(orderId))?.status;
/** Dependencies to call `handleOrderPlaced` directly, with texts recorded under their own `key` (email through the local SES). */
function directDeps() {
  const key = `test:sms-outbox:${randomUUID()}`;
  const orderChanges = createOrderChanges({ bus, redis, cache, sendToQueue: () => Promise.resolve(), log });
  const deps = {
    sms: new DevOutboxSmsSender(redis, { key }),
    email: createEmailSender(env),
    emailLimit: new GuestEmailLimit(redis),
    orderChanges,
    redis,
    log,
  };
  return { deps, key };
}
/** Subjects of the emails the local SES stand-in "sent" to `address`. */
async function emailsTo(address: string): Promise<string[]> {
  const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as {
    emails: { subject?: string; destination?: { to?: string[] } }[];
  };
  return store.emails.filter((e) => e.destination?.to?.includes(address)).map((e) => e.subject ?? "");
}
/** Messages the dev SMS driver recorded for `phone`, newest first. */
const smsTo = (phone: string, key?: string) => readDevOutbox(redis, { to: phone, key });

/**
 * Moves the order as staff do from the kitchen display (`transitionOrder` by "staff:test"), each
 * change delivered as the API delivers it: its events to the worker's queue, live to the screens.
 */
async function staffMoves(orderId: string, ...steps: [OrderStatus, string?][]): Promise<void> {
  const orderChanges = createOrderChanges({
    bus,
    redis,
    cache,
    sendToQueue: orderQueueSender(sqs, worker.queueUrl),
    log,
  });
  for (const [to, reason] of steps) {
    const { order } = await transitionOrder({ orderId, to, by: "staff:test", reason: reason ?? null });
    await orderChanges.deliver(order);
  }
}

describe("worker", () => {
  it("accepts an order.placed event from SQS and tells the kitchen live", async () => {
    const { order, restaurantId } = await placedOrder();
    const controller = new AbortController();
    // From the start of this fresh restaurant's channel, so the event can't slip past the subscription.
    const kitchen = bus.subscribe<{ id: string; status: string }>(channels.kitchen(restaurantId), {
      lastEventId: "0-0",
      signal: controller.signal,
    });
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker accepts the order" }).toBe("accepted");
    expect((await stored(order.id))?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    expect((await kitchen.next()).value).toMatchObject({ payload: { id: order.id, status: "accepted" } });
    controller.abort();
  });

  it("does not text the guest when the order is only handed to the kitchen (no person has seen it yet)", async () => {
    const { order, phone } = await placedOrder();
    const { deps, key } = directDeps();
    await handleOrderPlaced(deps, order.id);
    expect(await statusOf(order.id)).toBe("accepted");
    expect(await smsTo(phone, key)).toEqual([]);
  });

  it("texts the guest once when staff mark the order ready, not when they start it", async () => {
    const { order, phone } = await placedOrder();
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker accepts the order" }).toBe("accepted");
    await staffMoves(order.id, ["preparing"], ["ready"]);
    await expect
      .poll(() => smsTo(phone), { message: "the guest is texted that it is ready" })
      .toEqual([expect.objectContaining({ body: expect.stringMatching(/order #007 at .* is ready/) })]);
    // Served: no text either (the order.notify events the worker got are the ready one only).
    await staffMoves(order.id, ["served"]);
    expect(await smsTo(phone)).toHaveLength(1);
  });

  it("texts the guest the reason when staff cancel the order", async () => {
    const { order, phone } = await placedOrder();
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker accepts the order" }).toBe("accepted");
    await staffMoves(order.id, ["cancelled", "We ran out of dosa batter"]);
    await expect
      .poll(() => smsTo(phone), { message: "the guest is texted the cancellation" })
      .toEqual([expect.objectContaining({ body: expect.stringMatching(/cancelled.*We ran out of dosa batter/s) })]);
  });

  it("texts the guest the reason when staff reject a new order", async () => {
    const { order, phone } = await placedOrder();
    await staffMoves(order.id, ["rejected", "Kitchen is closing"]);
    await expect
      .poll(() => smsTo(phone), { message: "the guest is texted the rejection" })
      .toEqual([expect.objectContaining({ body: expect.stringMatching(/couldn't accept.*Kitchen is closing/s) })]);
  });

  it("is idempotent: the same event handled twice changes and sends nothing more", async () => {
    const { order, phone } = await placedOrder();
    const { deps, key } = directDeps();
    await handleOrderPlaced(deps, order.id);
    await handleOrderPlaced(deps, order.id);
    expect((await stored(order.id))?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    await transitionOrder({ orderId: order.id, to: "preparing", by: "staff:test" });
    await transitionOrder({ orderId: order.id, to: "ready", by: "staff:test" });
    await handleOrderNotify(deps, order.id);
    await handleOrderNotify(deps, order.id);
    expect(await smsTo(phone, key)).toHaveLength(1);
  });

  it("is idempotent when the same event is handled twice at once (a redelivery in the same batch)", async () => {
    const { order, phone } = await placedOrder();
    const { deps, key } = directDeps();
    await Promise.all([handleOrderPlaced(deps, order.id), handleOrderPlaced(deps, order.id)]);
    expect((await stored(order.id))?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    await transitionOrder({ orderId: order.id, to: "cancelled", by: "staff:test", reason: "Guest left" });
    await Promise.all([handleOrderNotify(deps, order.id), handleOrderNotify(deps, order.id)]);
    expect(await smsTo(phone, key)).toEqual([expect.objectContaining({ body: expect.stringMatching(/Guest left/) })]);
  });

  it("finishes a delivery left pending by a worker that died after the status change, when the event comes again", async () => {
    const { order, restaurantId } = await placedOrder();
    const controller = new AbortController();
    const kitchen = bus.subscribe<{ id: string; status: string }>(channels.kitchen(restaurantId), {
      lastEventId: "0-0",
      signal: controller.signal,
    });
    // The killed worker's last step: the order accepted (its order.changed event in the outbox), nothing delivered.
    await transitionOrder({ orderId: order.id, to: "accepted", by: "system", reason: null, expectedFrom: "placed" });
    const { deps } = directDeps();
    await handleOrderPlaced(deps, order.id);
    // Checked at once: the relay's sweep would deliver it too, but only after its grace period.
    expect((await stored(order.id))?.outbox).toEqual([]);
    expect((await kitchen.next()).value).toMatchObject({ payload: { id: order.id, status: "accepted" } });
    controller.abort();
  });

  it("texts once when the record of the text failed and the event comes again (database down after the send)", async () => {
    const { order, phone } = await placedOrder();
    const { deps, key } = directDeps();
    await handleOrderPlaced(deps, order.id);
    await transitionOrder({ orderId: order.id, to: "preparing", by: "staff:test" });
    await transitionOrder({ orderId: order.id, to: "ready", by: "staff:test" });
    const breakRecord = () => Order.collection.updateOne({ _id: order._id }, { $set: { notifiedAt: "unwritable" } });
    // The text goes out, then the database refuses the record of it (here: the field can't be written).
    const failing = {
      ...deps,
      sms: { send: (to: string, body: string) => deps.sms.send(to, body).finally(breakRecord) },
    };
    await expect(handleOrderNotify(failing, order.id)).rejects.toThrow();
    expect(await smsTo(phone, key)).toHaveLength(1);
    // The database is back; SQS delivers the event again.
    await Order.collection.updateOne(
      { _id: order._id },
      { $set: { notifiedAt: { readySms: null, exitSms: null, confirmationEmail: null } } },
    );
    await handleOrderNotify(deps, order.id);
    expect(await smsTo(phone, key)).toHaveLength(1);
    expect((await stored(order.id))?.notifiedAt?.readySms).toBeInstanceOf(Date);
  });

  it("rejects the order with a reason when an item was 86'd after it was placed", async () => {
    const { order, phone, item } = await placedOrder({ item: "Cold Coffee" });
    await MenuItem.updateOne({ _id: item._id }, { available: false });
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker rejects the order" }).toBe("rejected");
    expect((await stored(order.id))?.rejectionReason).toBe("Sorry, Cold Coffee is no longer available.");
    await expect
      .poll(() => smsTo(phone), { message: "the guest is texted the reason" })
      .toEqual([expect.objectContaining({ body: expect.stringMatching(/Cold Coffee is no longer available/) })]);
  });

  it("accepts the order that took an item's last portions (the item sold out by its count, not 86'd by staff)", async () => {
    const { order, item } = await placedOrder({ item: "Cold Coffee" });
    // As order.place leaves a counted item when this order took its last portion.
    await MenuItem.updateOne({ _id: item._id }, { stock: 0, available: false });
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker accepts the order" }).toBe("accepted");
  });

  it("gives a rejected order's counted portions back", async () => {
    const { order, item } = await placedOrder({ item: "Cold Coffee" });
    await MenuItem.updateOne({ _id: item._id }, { stock: 3, available: false });
    await publishPlaced(order);
    await expect.poll(() => statusOf(order.id), { message: "the worker rejects the order" }).toBe("rejected");
    const quantity = order.lines.reduce((sum, line) => sum + line.quantity, 0);
    expect((await MenuItem.findById(item._id).lean())?.stock).toBe(3 + quantity);
  });

  it("emails the confirmation through SES when the guest has a verified email", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { order } = await placedOrder({ email, emailVerified: true });
    await publishPlaced(order);
    await expect
      .poll(() => emailsTo(email), { message: "one confirmation email in SES" })
      .toEqual([expect.stringMatching(/#007/)]);
  });

  it("sends no receipt to an email the guest never verified", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { order, phone } = await placedOrder({ email });
    const { deps, key } = directDeps();
    await handleOrderPlaced(deps, order.id);
    expect(await statusOf(order.id)).toBe("accepted");
    expect(await smsTo(phone, key)).toEqual([]);
    expect(await emailsTo(email)).toEqual([]);
  });

  it("sends no receipt past the guest's emails per hour, and still accepts", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { order, phone, customerId } = await placedOrder({ email, emailVerified: true });
    const { deps, key } = directDeps();
    // The guest already had their hour's emails (codes, receipts).
    for (let i = 0; i < EMAIL_POLICY.emailsPerGuestPerHour; i += 1) await deps.emailLimit.consume(customerId);
    await handleOrderPlaced(deps, order.id);
    expect(await statusOf(order.id)).toBe("accepted");
    expect(await smsTo(phone, key)).toEqual([]);
    expect(await emailsTo(email)).toEqual([]);
  });

  it("relays an order.placed event left in the outbox by a process that died before delivering it", async () => {
    const { order } = await placedOrder({ pendingEvent: true });
    // Nobody published the event: the relay must, after the grace period, and then clear it.
    await expect.poll(() => statusOf(order.id), { message: "the relayed event is processed" }).toBe("accepted");
    await expect
      .poll(async () => (await stored(order.id))?.outbox, { message: "the relay empties the outbox" })
      .toEqual([]);
  });
});
