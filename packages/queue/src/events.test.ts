import { describe, expect, it } from "vitest";
import { ORDER_EVENT_TYPES, createOrderEvent, orderEventSchema, queueEnv } from "./index";

describe("orderEventSchema", () => {
  const valid = {
    id: "6f1c2b1e-8a4e-4c1a-9f57-2d0a4f7c9b11",
    type: "order.placed",
    orderId: "665f1c2b1e8a4e4c1a9f572d",
    restaurantId: "665f1c2b1e8a4e4c1a9f5700",
    occurredAt: "2025-01-31T12:00:00.000Z",
  };

  it("accepts a well-formed event", () => {
    expect(orderEventSchema.parse(valid)).toEqual(valid);
    expect(ORDER_EVENT_TYPES).toContain("order.placed");
  });

  it.each([
    ["an unknown type", { type: "order.eaten" }],
    ["a non-uuid id", { id: "42" }],
    ["a missing orderId", { orderId: undefined }],
    ["an empty restaurantId", { restaurantId: "" }],
    ["a non-UTC time", { occurredAt: "2025-01-31T17:30:00+05:30" }],
    ["a non-ISO time", { occurredAt: "yesterday" }],
  ])("rejects %s", (_, patch) => {
    expect(orderEventSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it("createOrderEvent fills id and time", () => {
    const at = new Date("2025-02-01T00:00:00Z");
    const event = createOrderEvent("order.placed", { orderId: "o1", restaurantId: "r1" }, at);
    expect(orderEventSchema.parse(event)).toEqual({ ...event, occurredAt: "2025-02-01T00:00:00.000Z" });
    expect(createOrderEvent("order.placed", { orderId: "o1", restaurantId: "r1" }).id).not.toBe(event.id);
  });
});

describe("queueEnv", () => {
  it("has defaults for local development", () => {
    expect(queueEnv({})).toEqual({
      AWS_REGION: "ap-south-1",
      SQS_ORDERS_QUEUE: "orders",
      SQS_ORDERS_DLQ: "orders-dlq",
    });
  });
  it("treats empty values as unset and validates the endpoint", () => {
    expect(queueEnv({ SQS_ENDPOINT: "" }).SQS_ENDPOINT).toBeUndefined();
    expect(() => queueEnv({ SQS_ENDPOINT: "localhost" })).toThrow();
  });
});
