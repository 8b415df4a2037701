import { Order, type OrderDoc } from "./models";

/** An order event as it leaves the outbox for the queue. Times ISO-8601 UTC. */
export interface OutboxEvent {
  id: string;
  type: string;
  orderId: string;
  restaurantId: string;
  occurredAt: string;
}

/**
 * Publishes an order's pending outbox events in order and removes each one once `publish`
 * resolved. Stops at the first failure, leaving that event and the later ones for the next
 * attempt (the relay), so an accepted order's events are delivered at least once even if the
 * queue is down when the order is placed. Consumers are idempotent on the event id.
 *
 * @returns how many events were published.
 */
export async function flushOrderOutbox(orderId: string, publish: (event: OutboxEvent) => Promise<void>): Promise<number> {
  const order = await Order.findById(orderId, { outbox: 1, restaurantId: 1 }).lean<Pick<OrderDoc, "_id" | "outbox" | "restaurantId">>();
  if (!order) return 0;
  let published = 0;
  for (const event of order.outbox) {
    await publish({
      id: event.id,
      type: event.type,
      orderId: order._id.toString(),
      restaurantId: order.restaurantId.toString(),
      occurredAt: event.occurredAt.toISOString(),
    });
    // $pull with the whole stored event: FerretDB v1 supports value matches, not conditions.
    await Order.updateOne({ _id: order._id }, { $pull: { outbox: { id: event.id, type: event.type, occurredAt: event.occurredAt } } });
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
