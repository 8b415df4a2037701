import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * Every order event type (the one order-event type of the system: API, worker and the outbox
 * share it). Each type has one destination (see `createOrderChanges` in @tabletap/realtime):
 * - `order.placed`: a new order, sent to SQS for the worker (accept or reject, notify).
 * - `order.changed`: the order's state changed (placed, status moved), broadcast as the order's
 *   current `OrderView` on its live channels (kitchen display, guest tracking page).
 * - `order.notify`: the order reached a status the guest is texted about (`GUEST_TEXT_STATUSES`
 *   in @tabletap/core: ready, cancelled, rejected), sent to SQS for the worker (the text).
 * Add new ones here; consumers see them through `OrderEvent["type"]`.
 */
export const ORDER_EVENT_TYPES = ["order.placed", "order.changed", "order.notify"] as const;
export const orderEventTypeSchema = z.enum(ORDER_EVENT_TYPES);
export type OrderEventType = z.infer<typeof orderEventTypeSchema>;

/** An order event, as it leaves an order's outbox and travels through SQS (the message body is this object as JSON). */
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
  return {
    id: randomUUID(),
    type,
    orderId: subject.orderId,
    restaurantId: subject.restaurantId,
    occurredAt: at.toISOString(),
  };
}
