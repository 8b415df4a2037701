import { randomUUID } from "node:crypto";
import { Order } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInGuest } from "../testing";

// This file's services (one set per test file) see SQS as down: nothing listens on port 9.
process.env.SQS_ENDPOINT = "http://127.0.0.1:9";

describe("order.place while SQS is down", () => {
  it("still takes the order and keeps its order.placed event in the outbox for the relay", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const started = Date.now();
    const order = await guest.call((api) =>
      api.order.place({ tableCode: seeded.tables[0]!.code, idempotencyKey: randomUUID(), items: [{ menuItemId: seeded.items.get("Jeera Rice")!._id.toString(), quantity: 1 }] }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(order).toMatchObject({ status: "placed", total: 14700 });
    const stored = await Order.findById(order.id).lean();
    expect(stored?.outbox).toEqual([expect.objectContaining({ type: "order.placed" })]);
  });
});
