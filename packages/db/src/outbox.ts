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
 * Removes `events` (as stored) from the outbox of order `orderId` in one update, after any
 * removal from the same order this process already started (the API and the relay can flush one
 * order at once; FerretDB, still selectable as the local stand-in, applies concurrent updates of
 * one document as read-modify-write, so one removal could undo the other). `$pullAll` matches the
 * stored entries by value, which every MongoDB-compatible server supports.
 */
function removeFromOutbox(orderId: string, events: OutboxEntry[]): Promise<unknown> {
  const previous = pendingRemovals.get(orderId) ?? Promise.resolve();
  const removal = previous
    .catch(() => undefined)
    .then(() =>
      Order.updateOne(
        { _id: orderId },
        { $pullAll: { outbox: events.map(({ id, type, occurredAt }) => ({ id, type, occurredAt })) } },
      ),
    );
  pendingRemovals.set(orderId, removal);
  const forget = () => {
    if (pendingRemovals.get(orderId) === removal) pendingRemovals.delete(orderId);
  };
  removal.then(forget, forget);
  return removal;
}

/** Publishes the order's pending events of one type, in order; resolves once all are published. */
export type OutboxPublisher = (events: OrderEvent[], order: OrderDoc) => Promise<void>;

/**
 * Delivers an order's pending outbox events: for each event type with a publisher, its events
 * (in order) are handed to that publisher, the types in parallel; a type whose publisher
 * rejects keeps all its events for the next attempt (the relay), so every event is delivered at
 * least once even if its destination is down when the order changes (consumers are idempotent on
 * the event id). What was delivered is then removed in one update.
 *
 * @param order the order as just stored (no read needed), or its id (read once).
 * @returns `delivered`: events published (0 for an unknown order); `failed`: each type whose
 *   publisher rejected, with its error.
 */
export async function flushOrderOutbox(
  order: OrderDoc | string,
  publishers: Partial<Record<OrderEventType, OutboxPublisher>>,
): Promise<{ delivered: number; failed: { type: OrderEventType; error: unknown }[] }> {
  const stored = typeof order === "string" ? await Order.findById(order).lean<OrderDoc>() : order;
  if (!stored) return { delivered: 0, failed: [] };
  const orderId = stored._id.toString();
  const pending = stored.outbox as OutboxEntry[];
  const types = Object.keys(publishers) as OrderEventType[];
  const results = await Promise.allSettled(
    types.map(async (type) => {
      const publish = publishers[type];
      const events = pending.filter((event) => event.type === type);
      if (events.length === 0 || !publish) return [];
      await publish(
        events.map((event) => ({
          id: event.id,
          type: event.type,
          orderId,
          restaurantId: stored.restaurantId.toString(),
          occurredAt: event.occurredAt.toISOString(),
        })),
        stored,
      );
      return events;
    }),
  );
  const delivered = results.flatMap((result) => (result.status === "fulfilled" ? result.value : []));
  if (delivered.length > 0) await removeFromOutbox(orderId, delivered);
  return {
    delivered: delivered.length,
    failed: results.flatMap((result, i) =>
      result.status === "rejected" ? [{ type: types[i]!, error: result.reason as unknown }] : [],
    ),
  };
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
