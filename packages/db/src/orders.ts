import { ACTIVE_ORDER_STATUSES, assertTransition, isGuestTextStatus, type OrderStatus } from "@tabletap/core";
import { isValidObjectId, type Types } from "mongoose";
import { Order, OrderCounter, type OrderDoc } from "./models";
import { outboxEntry } from "./outbox";
import { returnStock, stockTakes } from "./stock";

/** Thrown when an order does not exist in the given restaurant. */
export class OrderNotFoundError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} was not found`);
    this.name = "OrderNotFoundError";
  }
}

/**
 * Reserves the next daily order number (1, 2, ...) for a restaurant and business date: one
 * atomic upsert-and-increment of the day's counter (a lookup by its unique index), so concurrent
 * orders never share a number and nobody waits on a lock. Two first orders of a day can race to
 * insert the counter: MongoDB answers the loser with a duplicate-key error, and it increments
 * the winner's counter instead.
 */
export async function nextOrderNumber(restaurantId: Types.ObjectId, businessDate: string): Promise<number> {
  const increment = () =>
    OrderCounter.findOneAndUpdate(
      { restaurantId, businessDate },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: "after" },
    ).lean();
  const counter = await increment().catch((error: unknown) => {
    if (isDuplicateKeyError(error)) return increment();
    throw error;
  });
  if (!counter) throw new Error("Order counter upsert returned nothing");
  return counter.seq;
}

/** MongoDB's duplicate key error (E11000), raised when an insert or upsert breaks a unique index. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/** The moves that give an order's counted portions back (`returnStock`), when made before the order was ready. */
const RETURNS_STOCK: ReadonlySet<OrderStatus> = new Set(["rejected", "cancelled"]);
const BEFORE_READY: ReadonlySet<OrderStatus> = new Set(["placed", "accepted", "preparing"]);

/** How often `transitionOrder` re-reads an order that changed between its read and its write. */
const TRANSITION_ATTEMPTS = 5;

/**
 * Moves an order to `to` if the state machine in `@tabletap/core` allows it from its current
 * status, with optimistic concurrency: it reads the order (by id), checks the move, and writes
 * only if the status is still the one it read (a conditional update, atomic on MongoDB). When two
 * staff members (or staff and the worker) race on the same ticket, one wins and the other reads
 * again and sees the new status: a clear `IllegalTransitionError` (or `changed: false`). The
 * change and its `order.changed` outbox event (the live channels' copy, see `createOrderChanges`
 * in @tabletap/realtime) are one write, with an `order.notify` event (the worker texts the guest)
 * when the order reaches a status the guest is texted about (`isGuestTextStatus`). Rejecting or cancelling an order before it is ready gives
 * its counted portions back to the menu (`returnStock`, right after the change).
 *
 * @param input.by who changes it: "system", "staff:{id}" or "guest:{id}".
 * @param input.expectedFrom when set, only this current status is acceptable (idempotent worker
 *   steps pass "placed"); otherwise any status the machine allows.
 * @returns `{ order, changed }`: `changed` is false when `expectedFrom` did not match (already done).
 * @throws OrderNotFoundError if no such order in the restaurant; IllegalTransitionError if not allowed.
 */
export async function transitionOrder(input: {
  orderId: string;
  restaurantId?: string;
  to: OrderStatus;
  by: string;
  reason?: string | null;
  expectedFrom?: OrderStatus;
}): Promise<{ order: OrderDoc; changed: boolean }> {
  if (!isValidObjectId(input.orderId)) throw new OrderNotFoundError(input.orderId);
  for (let attempt = 0; attempt < TRANSITION_ATTEMPTS; attempt += 1) {
    // By id alone, then the restaurant checked here: the index lookup every MongoDB server can do.
    const current = await Order.findById(input.orderId).lean<OrderDoc>();
    if (!current || (input.restaurantId && current.restaurantId.toString() !== input.restaurantId))
      throw new OrderNotFoundError(input.orderId);
    if (input.expectedFrom && current.status !== input.expectedFrom) return { order: current, changed: false };
    assertTransition(current.status, input.to);
    const reason = input.reason ?? null;
    const at = new Date();
    const updated = await Order.findOneAndUpdate(
      { _id: current._id, status: current.status },
      {
        $set: {
          status: input.to,
          ...(input.to === "rejected" || input.to === "cancelled" ? { rejectionReason: reason } : {}),
        },
        $push: {
          statusHistory: { status: input.to, at, by: input.by, reason },
          outbox: {
            $each: [
              outboxEntry("order.changed", at),
              ...(isGuestTextStatus(input.to) ? [outboxEntry("order.notify", at)] : []),
            ],
          },
        },
      },
      { returnDocument: "after" },
    ).lean<OrderDoc>();
    if (updated) {
      if (RETURNS_STOCK.has(input.to) && BEFORE_READY.has(current.status))
        await returnStock(current.restaurantId, stockTakes(current.lines));
      return { order: updated, changed: true };
    }
  }
  throw new Error(`Order ${input.orderId} kept changing; gave up after ${TRANSITION_ATTEMPTS} attempts`);
}

/**
 * The restaurant's active tickets (placed, accepted, preparing, ready) as the active-ticket index
 * needs them: id, restaurant, status and when each was placed (ISO-8601 UTC). A query by status,
 * which reads every order of the local stand-in: only for rebuilding a missing index
 * (`activeTicketIds` in @tabletap/cache), never per request.
 */
export async function activeTicketRefs(
  restaurantId: string,
): Promise<{ id: string; restaurantId: string; status: OrderStatus; placedAt: string }[]> {
  const orders = await Order.find(
    { restaurantId, status: { $in: ACTIVE_ORDER_STATUSES } },
    { restaurantId: 1, status: 1, createdAt: 1 },
  ).lean<Pick<OrderDoc, "_id" | "restaurantId" | "status" | "createdAt">[]>();
  return orders.map((order) => ({
    id: order._id.toString(),
    restaurantId: order.restaurantId.toString(),
    status: order.status,
    placedAt: order.createdAt.toISOString(),
  }));
}
