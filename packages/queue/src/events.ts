import { randomUUID } from "node:crypto";
import { z } from "zod";

/** Every order event type. Add new ones here; consumers see them through `OrderEvent["type"]`. */
export const ORDER_EVENT_TYPES = ["order.placed"] as const;
export const orderEventTypeSchema = z.enum(ORDER_EVENT_TYPES);
export type OrderEventType = z.infer<typeof orderEventTypeSchema>;

/** An order event as it travels through SQS (the message body is this object as JSON). */
export const orderEventSchema = z.object({
  /** Event id (UUID); handlers use it to stay idempotent. */
  id: z.uuid(),
  type: orderEventTypeSchema,
  orderId: z.string().min(1),
  restaurantId: z.string().min(1),
  /** When it happened: ISO-8601 UTC ("2025-01-31T12:00:00.000Z"). */
  occurredAt: z.iso.datetime(),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

/**
 * Builds an event with a fresh UUID and `occurredAt` = `at` (default now), e.g. for the order's
 * outbox: `createOrderEvent("order.placed", { orderId, restaurantId })`.
 */
export function createOrderEvent(
  type: OrderEventType,
  subject: { orderId: string; restaurantId: string },
  at: Date = new Date(),
): OrderEvent {
  return { id: randomUUID(), type, orderId: subject.orderId, restaurantId: subject.restaurantId, occurredAt: at.toISOString() };
}
