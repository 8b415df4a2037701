import { randomBytes, randomUUID } from "node:crypto";
import { connectDb, dbEnvSchema, disconnectDb, Order, outboxEntry, transitionOrder } from "@tabletap/db";
import type { OrderEvent } from "@tabletap/queue";
import { activeTicketWindow, cacheKeys, createCache, pendingOutboxOrders } from "@tabletap/cache";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channels, createEventBus, createOrderChanges, type EventBus } from "./index";

const { REDIS_URL } = redisEnvSchema.parse(process.env);
const redis = createRedis(REDIS_URL);
const bus = createEventBus({ redis, createSubscriber: () => createRedis(REDIS_URL) });
const cache = createCache({ redisUrl: REDIS_URL, name: "test" });
/** The read models every change refreshes, as the API and the worker pass them. */
const readModels = { redis, cache };
const log = { warn: vi.fn() };
beforeAll(() => connectDb(dbEnvSchema.parse(process.env).MONGODB_URI));
afterAll(async () => {
  await bus.close();
  await cache.disconnect();
  await redis.quit();
  await disconnectDb();
});

const objectId = () => randomBytes(12).toString("hex");

/** A just-placed order, stored with its `order.placed` and `order.changed` outbox events, as the API stores it. */
async function placedOrder() {
  const now = new Date();
  const order = await Order.create({
    restaurantId: objectId(),
    tableId: objectId(),
    tableLabel: "T4",
    tableSessionId: objectId(),
    customerId: objectId(),
    idempotencyKey: randomUUID(),
    businessDate: "2026-11-21",
    number: 3,
    lines: [
      { menuItemId: objectId(), name: "Rasmalai", unitPrice: 13000, quantity: 1, lineTotal: 13000, station: "dessert" },
    ],
    currency: "INR",
    subtotal: 13000,
    serviceCharge: 0,
    tax: 650,
    total: 13650,
    statusHistory: [{ status: "placed", at: now, by: "guest:x" }],
    outbox: [outboxEntry("order.placed", now), outboxEntry("order.changed", now)],
  });
  return { id: order.id, restaurantId: order.restaurantId.toString() };
}

/** The first event on `channel` from its start, as the kitchen display or the guest's page would see it. */
async function firstEvent(channel: string) {
  const controller = new AbortController();
  const events = bus.subscribe<{ id: string; status: string }>(channel, {
    lastEventId: "0-0",
    signal: controller.signal,
  });
  const { value } = await events.next();
  controller.abort();
  return value?.payload;
}

/** `bus`, except that its first `failures` publishes reject as Redis would when unreachable. */
function failingBus(failures: number): Pick<EventBus, "publish"> {
  let left = failures;
  return {
    publish: (channel, payload) =>
      left-- > 0 ? Promise.reject(new Error("Redis connection lost")) : bus.publish(channel, payload),
  };
}

const outboxTypes = async (orderId: string) => (await Order.findById(orderId).lean())?.outbox.map((e) => e.type);

describe("createOrderChanges", () => {
  it("sends order.placed to the queue and the order to its kitchen and order channels, emptying the outbox", async () => {
    const order = await placedOrder();
    const queued: OrderEvent[] = [];
    const changes = createOrderChanges({
      bus,
      ...readModels,
      sendToQueue: (event) => Promise.resolve(void queued.push(event)),
      log,
    });
    expect(await changes.deliver(order.id)).toBe(true);
    expect(queued).toEqual([
      expect.objectContaining({ type: "order.placed", orderId: order.id, restaurantId: order.restaurantId }),
    ]);
    expect(await firstEvent(channels.kitchen(order.restaurantId))).toMatchObject({ id: order.id, status: "placed" });
    expect(await firstEvent(channels.order(order.id))).toMatchObject({ id: order.id, status: "placed" });
    expect(await outboxTypes(order.id)).toEqual([]);
  });

  it("retries a broadcast that failed once: the live channels still receive the change", async () => {
    const order = await placedOrder();
    const changes = createOrderChanges({
      bus: failingBus(1),
      ...readModels,
      sendToQueue: () => Promise.resolve(),
      log,
      broadcastRetryDelaysMs: [10, 10],
    });
    expect(await changes.deliver(order.id)).toBe(true);
    expect(await firstEvent(channels.kitchen(order.restaurantId))).toMatchObject({ id: order.id, status: "placed" });
    expect(await outboxTypes(order.id)).toEqual([]);
  });

  it("keeps what could not be delivered for the relay, and the relay delivers it once it can", async () => {
    const order = await placedOrder();
    const down = createOrderChanges({
      bus: failingBus(Infinity),
      ...readModels,
      sendToQueue: () => Promise.reject(new Error("SQS is down")),
      log,
      broadcastRetryDelaysMs: [1],
    });
    expect(await down.deliver(order.id)).toBe(false);
    expect(await outboxTypes(order.id)).toEqual(["order.placed", "order.changed"]);
    const later = () => new Date(Date.now() + 60_000);
    expect(await pendingOutboxOrders(redis, later(), 10_000)).toContain(order.id);

    const queued: OrderEvent[] = [];
    const up = createOrderChanges({
      bus,
      ...readModels,
      sendToQueue: (event) => Promise.resolve(void queued.push(event)),
      log,
    });
    // The worker's relay pass finds it through the pending-outbox index, not by reading every order.
    expect(await up.relay(later())).not.toContain(order.id);
    expect(await pendingOutboxOrders(redis, later(), 10_000)).not.toContain(order.id);
    expect(queued.filter((e) => e.orderId === order.id)).toHaveLength(1);
    expect(await firstEvent(channels.order(order.id))).toMatchObject({ id: order.id, status: "placed" });
    expect(await outboxTypes(order.id)).toEqual([]);
  });

  it("refreshes the read models with every change: the cached order view is dropped, the active-ticket index follows", async () => {
    const order = await placedOrder();
    const changes = createOrderChanges({ bus, ...readModels, sendToQueue: () => Promise.resolve(), log });
    const noIndex = () => Promise.reject(new Error("the index exists: nothing to rebuild"));
    const indexed = async (restaurantId: string) => (await activeTicketWindow(redis, restaurantId, noIndex)).ids;
    await activeTicketWindow(redis, order.restaurantId, () => Promise.resolve([]));
    await cache.set({ key: cacheKeys.order(order.id), value: { stale: true } });

    expect(await changes.deliver(order.id)).toBe(true);
    expect(await cache.has({ key: cacheKeys.order(order.id) })).toBe(false);
    expect(await indexed(order.restaurantId)).toEqual([order.id]);

    await transitionOrder({ orderId: order.id, to: "rejected", by: "staff:1", reason: "Closed" });
    expect(await changes.deliver(order.id)).toBe(true);
    expect(await indexed(order.restaurantId)).toEqual([]);
  });
});
