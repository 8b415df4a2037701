import { randomBytes, randomUUID } from "node:crypto";
import { IllegalTransitionError } from "@tabletap/core";
import { Types } from "mongoose";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "./connection";
import { dbEnvSchema } from "./env";
import { MenuItem, Order, Staff, Table } from "./models";
import { nextOrderNumber, transitionOrder } from "./orders";
import type { OrderEvent } from "@tabletap/queue/events";
import { flushOrderOutbox } from "./outbox";
import { seedDemo } from "./seed";

const redis = createRedis(redisEnvSchema.parse(process.env).REDIS_URL);
beforeAll(() => connectDb(dbEnvSchema.parse(process.env).MONGODB_URI));
afterAll(async () => {
  await disconnectDb();
  await redis.quit();
});

const slug = () => `db-${randomBytes(5).toString("hex")}`;

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
  it("hands out distinct consecutive order numbers under concurrency", async () => {
    const restaurantId = new Types.ObjectId();
    const numbers = await Promise.all(
      Array.from({ length: 10 }, () => nextOrderNumber(redis, restaurantId, "2026-11-21")),
    );
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await nextOrderNumber(redis, restaurantId, "2026-11-22")).toBe(1);
  });

  it("lets exactly one of two racing transitions win and records it in the history", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    const results = await Promise.allSettled([
      transitionOrder(redis, { orderId: order.id, to: "accepted", by: "system", expectedFrom: "placed" }),
      transitionOrder(redis, { orderId: order.id, to: "accepted", by: "staff:1", expectedFrom: "placed" }),
    ]);
    const changed = results.filter((r) => r.status === "fulfilled" && r.value.changed);
    expect(changed).toHaveLength(1);
    const stored = await Order.findById(order.id).lean();
    expect(stored?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted"]);
    await expect(transitionOrder(redis, { orderId: order.id, to: "served", by: "staff:1" })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
  });

  it("flushes the outbox in order and keeps what failed for the relay", async () => {
    const order = await storedOrder(new Types.ObjectId().toString());
    const published: OrderEvent[] = [];
    let fail = true;
    const publish = (event: OrderEvent) => {
      if (published.length === 1 && fail) return Promise.reject(new Error("SQS is down"));
      published.push(event);
      return Promise.resolve();
    };
    await expect(flushOrderOutbox(order.id, publish)).rejects.toThrow("SQS is down");
    expect((await Order.findById(order.id).lean())?.outbox).toHaveLength(1);
    fail = false;
    expect(await flushOrderOutbox(order.id, publish)).toBe(1);
    expect(published.map((e) => e.id)).toEqual(order.outbox.map((e) => e.id));
    expect((await Order.findById(order.id).lean())?.outbox ?? []).toEqual([]);
  });
});
