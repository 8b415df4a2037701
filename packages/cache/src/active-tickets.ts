import { isActiveOrderStatus, type OrderStatus } from "@tabletap/core";
import type { Redis } from "@tabletap/redis";

/**
 * The index of each restaurant's active tickets (placed, accepted, preparing, ready): a Redis
 * sorted set of order ids scored by when they were placed (ms since the epoch, UTC). The kitchen
 * display reads it instead of querying orders by status, so its cost does not grow with the
 * restaurant's history. Orders stay the source of truth: readers load each listed order by id
 * and drop (`untrackTickets`) any that is no longer active, so a late or repeated `trackTicket`
 * can never leave a finished ticket on the board; a missing index (new restaurant, Redis
 * restarted) is rebuilt from the orders by `activeTicketIds`.
 */
const activeKey = (restaurantId: string) => `tabletap:tickets:${restaurantId}:active`;
/** Present once the restaurant's index was built from the orders (an empty sorted set doesn't exist in Redis). */
const builtKey = (restaurantId: string) => `tabletap:tickets:${restaurantId}:built`;

/** A ticket as the index needs it: id, restaurant, status and when it was placed (ISO-8601 UTC). */
export interface TicketRef {
  id: string;
  restaurantId: string;
  status: OrderStatus;
  placedAt: string;
}

/** Records the ticket's current status: an active one is added (idempotent), any other removed. Rejects with the Redis error. */
export async function trackTicket(redis: Redis, ticket: TicketRef): Promise<void> {
  if (isActiveOrderStatus(ticket.status))
    await redis.zadd(activeKey(ticket.restaurantId), Date.parse(ticket.placedAt), ticket.id);
  else await redis.zrem(activeKey(ticket.restaurantId), ticket.id);
}

/** Removes tickets a reader found no longer active. */
export async function untrackTickets(redis: Redis, restaurantId: string, orderIds: string[]): Promise<void> {
  if (orderIds.length > 0) await redis.zrem(activeKey(restaurantId), ...orderIds);
}

/**
 * Ids of the restaurant's active tickets, oldest first, at most `limit`. When the index was never
 * built (or Redis lost it), `rebuild` is asked for the active tickets once (a query by status:
 * the one place that scans) and the index is filled from them.
 */
export async function activeTicketIds(
  redis: Redis,
  restaurantId: string,
  rebuild: () => Promise<TicketRef[]>,
  limit = 300,
): Promise<string[]> {
  if (!(await redis.exists(builtKey(restaurantId)))) {
    const tickets = await rebuild();
    const batch = redis.multi();
    for (const ticket of tickets) batch.zadd(activeKey(restaurantId), Date.parse(ticket.placedAt), ticket.id);
    batch.set(builtKey(restaurantId), "1");
    await batch.exec();
  }
  return redis.zrange(activeKey(restaurantId), "0", String(limit - 1));
}
