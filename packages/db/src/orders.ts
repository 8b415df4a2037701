import { assertTransition, type OrderStatus } from "@tabletap/core";
import { withLock, type Redis } from "@tabletap/redis";
import type { Types } from "mongoose";
import { Order, OrderCounter, type OrderDoc } from "./models";
import { outboxEntry } from "./outbox";

/** Thrown when an order does not exist in the given restaurant. */
export class OrderNotFoundError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} was not found`);
    this.name = "OrderNotFoundError";
  }
}

/**
 * Reserves the next daily order number (1, 2, ...) for a restaurant and business date: an
 * upsert-and-increment of the day's counter under a Redis lock (see `withLock`), so concurrent
 * orders never share a number, on MongoDB and on the FerretDB stand-in alike.
 */
export async function nextOrderNumber(
  redis: Redis,
  restaurantId: Types.ObjectId,
  businessDate: string,
): Promise<number> {
  return withLock(redis, `order-number:${restaurantId.toString()}:${businessDate}`, async () => {
    const counter = await OrderCounter.findOneAndUpdate(
      { restaurantId, businessDate },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: "after" },
    ).lean();
    if (!counter) throw new Error("Order counter upsert returned nothing");
    return counter.seq;
  });
}

/**
 * Moves an order to `to` if the state machine in `@tabletap/core` allows it from its current
 * status. The read and the conditional write run under the order's Redis lock, so two staff
 * members (or staff and the worker) racing on the same ticket cannot both win: the second one
 * sees the new status and gets a clear `IllegalTransitionError` (or `changed: false`). The
 * change and its `order.changed` outbox event (the live channels' copy, see `createOrderChanges`
 * in @tabletap/realtime) are one write.
 *
 * @param input.by who changes it: "system", "staff:{id}" or "guest:{id}".
 * @param input.expectedFrom when set, only this current status is acceptable (idempotent worker
 *   steps pass "placed"); otherwise any status the machine allows.
 * @returns `{ order, changed }`: `changed` is false when `expectedFrom` did not match (already done).
 * @throws OrderNotFoundError if no such order in the restaurant; IllegalTransitionError if not allowed.
 */
export async function transitionOrder(
  redis: Redis,
  input: {
    orderId: string;
    restaurantId?: string;
    to: OrderStatus;
    by: string;
    reason?: string | null;
    expectedFrom?: OrderStatus;
  },
): Promise<{ order: OrderDoc; changed: boolean }> {
  const filter = { _id: input.orderId, ...(input.restaurantId ? { restaurantId: input.restaurantId } : {}) };
  return withLock(redis, `order:${input.orderId}`, async () => {
    const current = await Order.findOne(filter).lean<OrderDoc>();
    if (!current) throw new OrderNotFoundError(input.orderId);
    if (input.expectedFrom && current.status !== input.expectedFrom) return { order: current, changed: false };
    assertTransition(current.status, input.to);
    const reason = input.reason ?? null;
    const at = new Date();
    const updated = await Order.findOneAndUpdate(
      { ...filter, status: current.status },
      {
        $set: {
          status: input.to,
          ...(input.to === "rejected" || input.to === "cancelled" ? { rejectionReason: reason } : {}),
        },
        $push: {
          statusHistory: { status: input.to, at, by: input.by, reason },
          outbox: outboxEntry("order.changed", at),
        },
      },
      { returnDocument: "after" },
    ).lean<OrderDoc>();
    if (!updated) throw new Error(`Order ${input.orderId} changed while locked`);
    return { order: updated, changed: true };
  });
}
