import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { Customer, disconnectDb, MenuItem, Order, seedDemo, Table, type OrderDoc } from "@tabletap/db";
import { readDevOutbox } from "@tabletap/notify";
import { createSqsClient, ensureQueue, publishOrderEvent } from "@tabletap/queue";
import { channels, createEventBus } from "@tabletap/realtime";
import { createRedis } from "@tabletap/redis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env";
import { handleOrderPlaced } from "./order-placed";
import { startWorker, type RunningWorker } from "./worker";

const queueName = `orders-test-${randomBytes(4).toString("hex")}`;
const env = loadWorkerEnv({ ...process.env, SQS_ORDERS_QUEUE: queueName, OUTBOX_RELAY_INTERVAL_MS: "300", OUTBOX_RELAY_GRACE_MS: "500", LOG_LEVEL: "silent" });
const log = pino({ level: "silent" });
const redis = createRedis(env.REDIS_URL);
const bus = createEventBus({ redis, createSubscriber: () => createRedis(env.REDIS_URL) });
const sqs = createSqsClient(env);
let worker: RunningWorker;

beforeAll(async () => {
  await ensureQueue(sqs, `${queueName}-dlq`);
  await ensureQueue(sqs, queueName, { deadLetterQueueName: `${queueName}-dlq`, maxReceiveCount: 5, visibilityTimeoutSeconds: 2 });
  worker = await startWorker(env, log, { waitTimeSeconds: 1 });
});

afterAll(async () => {
  await worker.stop();
  await bus.close();
  await redis.quit();
  await disconnectDb();
});

/** A placed order for a fresh guest at a fresh restaurant, stored as the API stores it (event still in the outbox). */
async function placedOrder(opts: { email?: string; item?: string } = {}) {
  const seeded = await seedDemo({ slug: `w-${randomBytes(5).toString("hex")}`, staffEmailDomain: `${randomUUID()}.test` });
  const phone = `+919${randomInt(100_000_000, 999_999_999)}`;
  const customer = await Customer.create({ phone, email: opts.email ?? null });
  const item = await MenuItem.findOne({ restaurantId: seeded.restaurantId, name: opts.item ?? "Masala Dosa" }).lean();
  const table = await Table.findOne({ restaurantId: seeded.restaurantId, label: "T2" }).lean();
  const now = new Date();
  const order = await Order.create({
    restaurantId: seeded.restaurantId,
    tableId: table!._id,
    tableLabel: "T2",
    tableSessionId: table!._id,
    customerId: customer._id,
    idempotencyKey: randomUUID(),
    businessDate: "2026-11-21",
    number: 7,
    lines: [{ menuItemId: item!._id, name: item!.name, unitPrice: item!.price, quantity: 1, modifiers: [], notes: null, lineTotal: item!.price, station: item!.station }],
    currency: "INR",
    subtotal: item!.price,
    serviceCharge: 0,
    tax: Math.round(item!.price * 0.05),
    tip: 0,
    total: item!.price + Math.round(item!.price * 0.05),
    statusHistory: [{ status: "placed", at: now, by: "guest:test", reason: null }],
    outbox: [{ id: randomUUID(), type: "order.placed", occurredAt: now }],
  });
  return { order, phone, item: item!, restaurantId: seeded.restaurantId };
}

async function waitForStatus(orderId: string, status: string, timeoutMs = 15_000): Promise<OrderDoc> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await Order.findById(orderId).lean<OrderDoc>();
    if (order?.status === status) return order;
    if (Date.now() > deadline) throw new Error(`order ${orderId} is ${order?.status}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function smsTo(phone: string) {
  return (await readDevOutbox(redis, 200)).filter((m) => m.to === phone);
}

describe("worker", () => {
  it("accepts an order.placed event from SQS, texts the guest and tells the kitchen live", async () => {
    const { order, phone, restaurantId } = await placedOrder();
    const controller = new AbortController();
    const kitchen = bus.subscribe<{ id: string; status: string }>(channels.kitchen(restaurantId), { signal: controller.signal });
    const firstEvent = kitchen.next();
    await publishOrderEvent(sqs, worker.queueUrl, { id: order.outbox[0]!.id, type: "order.placed", orderId: order.id, restaurantId, occurredAt: new Date().toISOString() });
    const accepted = await waitForStatus(order.id, "accepted");
    expect(accepted.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    expect((await firstEvent).value).toMatchObject({ payload: { id: order.id, status: "accepted" } });
    controller.abort();
    const messages = await smsTo(phone);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toMatch(/#007/);
  });

  it("is idempotent: the same event handled twice changes and sends nothing more", async () => {
    const { order, phone } = await placedOrder();
    const deps = { sms: { send: async (to: string, body: string) => ({ id: (await redis.lpush("dev:sms-outbox", JSON.stringify({ id: randomUUID(), to, body, sentAt: new Date().toISOString() }))).toString() }) }, email: { send: async () => ({ id: "x" }) }, bus, redis, log };
    await handleOrderPlaced(deps, order.id);
    await handleOrderPlaced(deps, order.id);
    const stored = await Order.findById(order.id).lean<OrderDoc>();
    expect(stored?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    expect(await smsTo(phone)).toHaveLength(1);
  });

  it("rejects the order with a reason when an item was 86'd after it was placed", async () => {
    const { order, phone, item } = await placedOrder({ item: "Cold Coffee" });
    await MenuItem.updateOne({ _id: item._id }, { available: false });
    await publishOrderEvent(sqs, worker.queueUrl, { id: randomUUID(), type: "order.placed", orderId: order.id, restaurantId: order.restaurantId.toString(), occurredAt: new Date().toISOString() });
    const rejected = await waitForStatus(order.id, "rejected");
    expect(rejected.rejectionReason).toBe("Sorry, Cold Coffee is no longer available.");
    expect((await smsTo(phone))[0]?.body).toMatch(/Cold Coffee is no longer available/);
  });

  it("emails the confirmation through SES when the guest has an email", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { order } = await placedOrder({ email });
    await publishOrderEvent(sqs, worker.queueUrl, { id: randomUUID(), type: "order.placed", orderId: order.id, restaurantId: order.restaurantId.toString(), occurredAt: new Date().toISOString() });
    await waitForStatus(order.id, "accepted");
    const deadline = Date.now() + 10_000;
    let found: { subject?: string; destination?: { to?: string[] } } | undefined;
    while (!found && Date.now() < deadline) {
      const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as { emails: { subject?: string; destination?: { to?: string[] } }[] };
      found = store.emails.find((e) => e.destination?.to?.includes(email));
      if (!found) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found?.subject).toMatch(/#007/);
  });

  it("relays an order.placed event left in the outbox (SQS was down when the order was taken)", async () => {
    const { order } = await placedOrder();
    // Nobody published the event: the relay must, after the grace period, and then clear it.
    await waitForStatus(order.id, "accepted");
    const deadline = Date.now() + 5_000;
    while ((await Order.findById(order.id).lean<OrderDoc>())?.outbox.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await Order.findById(order.id).lean<OrderDoc>())?.outbox).toEqual([]);
  });
});
