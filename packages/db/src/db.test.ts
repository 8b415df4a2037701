import { randomBytes, randomUUID } from "node:crypto";
import { IllegalTransitionError } from "@tabletap/core";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import type { mongo } from "mongoose";
import { connectDb, disconnectDb, watchHeartbeats } from "./connection";
import { dbEnvSchema } from "./env";
import { MenuItem, Order, Staff, Table, TableSession } from "./models";
import { nextOrderNumber, OrderNotFoundError, transitionOrder } from "./orders";
import type { OrderEvent } from "@tabletap/queue/events";
import { flushOrderOutbox, outboxEntry } from "./outbox";
import { updateTableSession } from "./sessions";
import { seedDemo } from "./seed";

beforeAll(() => connectDb(dbEnvSchema.parse(process.env).MONGODB_URI));
afterAll(() => disconnectDb());

const slug = () => `db-${randomBytes(5).toString("hex")}`;

describe("the connection's heartbeat watch", () => {
  it("reports a heartbeat that never ends, and none that ends", async () => {
    // The driver's client is an EventEmitter of SDAM events; this one replays a stuck monitor's.
    const emitter = new EventEmitter();
    const client = emitter as unknown as mongo.MongoClient;
    const stuck: string[] = [];
    const stop = watchHeartbeats(client, {
      stuckAfterMs: 100,
      checkEveryMs: 10,
      onStuck: (address) => stuck.push(address),
    });
    emitter.emit("serverHeartbeatStarted", { connectionId: "db-a:27017" });
    emitter.emit("serverHeartbeatStarted", { connectionId: "db-b:27017" });
    emitter.emit("serverHeartbeatSucceeded", { connectionId: "db-b:27017" });
    emitter.emit("serverHeartbeatStarted", { connectionId: "db-c:27017" });
    emitter.emit("serverHeartbeatFailed", { connectionId: "db-c:27017" });
    await expect.poll(() => stuck, { message: "the stuck heartbeat is reported" }).toEqual(["db-a:27017"]);
    stop();
  });
});

async function storedOrder(restaurantId: string) {
  return Order.create({
    restaurantId,
    tableId: new Types.ObjectId(),
    tableLabel: "T1",
    tableSessionId: new Types.ObjectId(),
    customerId: new Types.ObjectId(),
    idempotencyKey: randomUUID(),
    businessDate: "2026-11-21",
    number: 1,
    lines: [
      {
        menuItemId: new Types.ObjectId(),
        name: "Rasmalai",
        unitPrice: 13000,
        quantity: 1,
        lineTotal: 13000,
        station: "dessert",
      },
    ],
    currency: "INR",
    subtotal: 13000,
    serviceCharge: 0,
    tax: 650,
    total: 13650,
    statusHistory: [{ status: "placed", at: new Date(), by: "guest:x" }],
    outbox: [
      { id: randomUUID(), type: "order.placed", occurredAt: new Date() },
      { id: randomUUID(), type: "order.placed", occurredAt: new Date() },
    ],
  });
}

describe("seedDemo", () => {
  it("seeds the demo restaurant, menu, tables and staff, and a second run changes nothing", async () => {
    const s = slug();
    const first = await seedDemo({ slug: s, staffEmailDomain: `${s}.test` });
    expect(first.itemCount).toBeGreaterThanOrEqual(20);
    expect(first.tables).toHaveLength(10);
    expect(new Set(first.tables.map((t) => t.code)).size).toBe(10);
    for (const table of first.tables) expect(table.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await MenuItem.countDocuments({ restaurantId: first.restaurantId, available: false })).toBe(1);
    expect(
      await MenuItem.countDocuments({ restaurantId: first.restaurantId, "modifierGroups.0": { $exists: true } }),
    ).toBeGreaterThanOrEqual(5);

    const second = await seedDemo({ slug: s, staffEmailDomain: `${s}.test` });
    expect(second).toEqual(first);
    expect(await MenuItem.countDocuments({ restaurantId: first.restaurantId })).toBe(first.itemCount);
    expect(await Table.countDocuments({ restaurantId: first.restaurantId })).toBe(10);
    expect(await Staff.countDocuments({ restaurantId: first.restaurantId })).toBe(2);
  });
});

describe("orders", () => {
  it("hands out distinct consecutive order numbers under concurrency, without a lock", async () => {
    const restaurantId = new Types.ObjectId();
    const numbers = await Promise.all(Array.from({ length: 100 }, () => nextOrderNumber(restaurantId, "2026-11-21")));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await nextOrderNumber(restaurantId, "2026-11-22")).toBe(1);
  });

  it("lets exactly one of many racing transitions win and records it in the history once", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        transitionOrder({ orderId: order.id, to: "accepted", by: `staff:${i}`, expectedFrom: "placed" }),
      ),
    );
    const changed = results.filter((r) => r.status === "fulfilled" && r.value.changed);
    expect(changed).toHaveLength(1);
    const stored = await Order.findById(order.id).lean();
    expect(stored?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    expect(stored?.outbox.filter((e) => e.type === "order.changed")).toHaveLength(1);
    await expect(transitionOrder({ orderId: order.id, to: "served", by: "staff:1" })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
  });

  it("answers a racing illegal move with IllegalTransitionError, not a lost update", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    const results = await Promise.allSettled([
      transitionOrder({ orderId: order.id, to: "rejected", by: "staff:1", reason: "Out of paneer" }),
      transitionOrder({ orderId: order.id, to: "accepted", by: "staff:2" }),
    ]);
    const winners = results.filter((r) => r.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected");
    expect(loser?.status === "rejected" && loser.reason).toBeInstanceOf(IllegalTransitionError);
    expect((await Order.findById(order.id).lean())?.statusHistory).toHaveLength(2);
  });

  it("refuses an order of another restaurant as not found", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    await expect(
      transitionOrder({ orderId: order.id, restaurantId: new Types.ObjectId().toString(), to: "accepted", by: "x" }),
    ).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(transitionOrder({ orderId: "not-an-id", to: "accepted", by: "x" })).rejects.toBeInstanceOf(
      OrderNotFoundError,
    );
  });

  it("flushes the outbox per event type and keeps what failed for the relay", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    order.outbox.push(outboxEntry("order.changed", new Date()));
    await order.save();
    const queued: OrderEvent[] = [];
    const broadcast: OrderEvent[] = [];
    const sqsDown = new Error("SQS is down");
    const first = await flushOrderOutbox(order.id, {
      "order.placed": () => Promise.reject(sqsDown),
      "order.changed": (events) => Promise.resolve(void broadcast.push(...events)),
    });
    expect(first).toEqual({ delivered: 1, failed: [{ type: "order.placed", error: sqsDown }] });
    expect((await Order.findById(order.id).lean())?.outbox.map((e) => e.type)).toEqual([
      "order.placed",
      "order.placed",
    ]);

    const second = await flushOrderOutbox(order.id, {
      "order.placed": (events) => Promise.resolve(void queued.push(...events)),
    });
    expect(second).toEqual({ delivered: 2, failed: [] });
    expect(queued.map((e) => e.id)).toEqual(order.outbox.filter((e) => e.type === "order.placed").map((e) => e.id));
    expect(broadcast).toHaveLength(1);
    expect((await Order.findById(order.id).lean())?.outbox ?? []).toEqual([]);
  });
});

describe("updateTableSession", () => {
  it("lands every one of many racing changes once, and writes nothing when the decision refuses", async () => {
    const session = await TableSession.create({ restaurantId: new Types.ObjectId(), tableId: new Types.ObjectId() });
    const guests = Array.from({ length: 12 }, () => new Types.ObjectId());
    await Promise.all(
      guests.map((guest) =>
        updateTableSession(session._id, () => ({ update: { $push: { customerIds: guest } }, result: null })),
      ),
    );
    const after = await TableSession.findById(session._id).lean();
    expect(after?.customerIds.map(String).sort()).toEqual(guests.map(String).sort());
    expect(after?.version).toBe(12);

    await expect(
      updateTableSession(session._id, () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await TableSession.findById(session._id).lean())?.version).toBe(12);
    expect(await updateTableSession(new Types.ObjectId(), () => ({ update: null, result: 1 }))).toBeNull();
  });
});
