import { randomUUID } from "node:crypto";
import type { OrderEvent, OrderEventType } from "@tabletap/queue/events";
import { Order, type OrderDoc } from "./models";

/** A stored outbox entry: an order event without its subject (the order it is kept in). */
export type OutboxEntry = Pick<OrderEvent, "id" | "type"> & { occurredAt: Date };

/**
 * A fresh outbox entry (new UUID) for an order event of `type` that happened `at`, to be written
 * in the same update as the change it announces (transactional outbox in the order document).
 */
export function outboxEntry(type: OrderEventType, at: Date): OutboxEntry {
  return { id: randomUUID(), type, occurredAt: at };
}

/** Per order id, the last outbox removal started in this process (see `removeFromOutbox`). */
const pendingRemovals = new Map<string, Promise<unknown>>();

/**
 * Removes `event` from the outbox of order `orderId`, after any removal from the same order this
 * process already started: two flushes of one order run at once (queue and live broadcast), and
 * FerretDB applies concurrent updates of one document as read-modify-write, so one `$pull` would
 * undo the other and leave a delivered event for the relay to send again.
 */
function removeFromOutbox(orderId: string, event: { id: string; type: string; occurredAt: Date }): Promise<unknown> {
  const previous = pendingRemovals.get(orderId) ?? Promise.resolve();
  // $pull with the whole stored event: FerretDB v1 supports value matches, not conditions.
  const removal = previous
    .catch(() => undefined)
    .then(() =>
      Order.updateOne(
        { _id: orderId },
        { $pull: { outbox: { id: event.id, type: event.type, occurredAt: event.occurredAt } } },
      ),
    );
  pendingRemovals.set(orderId, removal);
  const forget = () => {
    if (pendingRemovals.get(orderId) === removal) pendingRemovals.delete(orderId);
  };
  removal.then(forget, forget);
  return removal;
}

/**
 * Publishes an order's pending outbox events (only those of `opts.types` when given) in order,
 * removing each once `publish` resolved; `publish` also gets the order as stored when the flush
 * began. Stops at the first failure and rethrows it, leaving that event and the later ones for the
 * next attempt (the relay), so every event is delivered at least once even if its destination is
 * down when the order changes. Consumers are idempotent on the event id.
 *
 * @returns how many events were published (0 for an unknown order).
 */
export async function flushOrderOutbox(
  orderId: string,
  publish: (event: OrderEvent, order: OrderDoc) => Promise<void>,
  opts: { types?: readonly OrderEventType[] } = {},
): Promise<number> {
  const order = await Order.findById(orderId).lean<OrderDoc>();
  if (!order) return 0;
  let published = 0;
  for (const event of order.outbox) {
    if (opts.types && !opts.types.includes(event.type as OrderEventType)) continue;
    await publish(
      {
        id: event.id,
        type: event.type as OrderEventType,
        orderId: order._id.toString(),
        restaurantId: order.restaurantId.toString(),
        occurredAt: event.occurredAt.toISOString(),
      },
      order,
    );
    await removeFromOutbox(orderId, event);
    published += 1;
  }
  return published;
}

/**
 * Ids of orders with outbox events older than `olderThan` (the relay's work list), oldest first.
 * Younger events are left to the request that created them.
 */
export async function ordersWithStaleOutbox(olderThan: Date, limit = 100): Promise<string[]> {
  const orders = await Order.find({ "outbox.occurredAt": { $lt: olderThan } }, { _id: 1 })
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  return orders.map((order) => order._id.toString());
}
