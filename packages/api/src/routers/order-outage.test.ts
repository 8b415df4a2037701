import { randomUUID } from "node:crypto";
import { Order } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { randomPhone, seedRestaurant, signedInGuest, testServices } from "../testing";

// Services that see SQS as down: nothing listens on port 9.
const sqsDown = testServices({ SQS_ENDPOINT: "http://127.0.0.1:9" });

describe("order.place while SQS is down", () => {
  // The SQS client's timeouts are bounded (packages/queue), so the call answers instead of hanging
  // until the test's timeout; how fast it answers is a matter for benchmarks, not this test.
  it("still takes the order and keeps its order.placed event in the outbox for the relay", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest(randomPhone(), sqsDown);
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: seeded.items.get("Jeera Rice")!._id.toString(), quantity: 1 }],
      }),
    );
    expect(order).toMatchObject({ status: "placed", total: 14700 });
    const stored = await Order.findById(order.id).lean();
    expect(stored?.outbox).toEqual([expect.objectContaining({ type: "order.placed" })]);
  });
});
