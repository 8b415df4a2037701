import { RECALL_POLICY, RECALLABLE_STATUSES, type OrderStatus, type OrderView } from "@tabletap/core";
import type { Redis } from "@tabletap/redis";

/**
 * The index of each restaurant's recently done tickets (ready or served), for the kitchen's
 * "Recently done" drawer (`kitchen.recent`): a Redis sorted set of order ids scored by when each
 * became ready or served (ms since the epoch, UTC), trimmed to `RECALL_POLICY.windowSeconds`, so
 * the drawer never queries orders by status. It may list a ticket that has moved on since (a
 * recall): orders stay the source of truth, and readers check each listed order's status.
 */
const recentKey = (restaurantId: string) => `tabletap:tickets:${restaurantId}:done`;

/**
 * Records a ticket that is now ready or served (does nothing for any other status), scored by its
 * last status change, and drops entries older than the recall window. Rejects with the Redis error.
 */
export async function trackDoneTicket(
  redis: Redis,
  ticket: Pick<OrderView, "id" | "restaurantId" | "status" | "statusHistory">,
): Promise<void> {
  const last = ticket.statusHistory.at(-1);
  if (!last || !(RECALLABLE_STATUSES as readonly OrderStatus[]).includes(ticket.status)) return;
  const key = recentKey(ticket.restaurantId);
  const windowMs = RECALL_POLICY.windowSeconds * 1000;
  await redis
    .multi()
    .zadd(key, Date.parse(last.at), ticket.id)
    .zremrangebyscore(key, "-inf", Date.now() - windowMs)
    .expire(key, RECALL_POLICY.windowSeconds)
    .exec();
}

/**
 * The ids of the restaurant's tickets that became ready or served at or after `since` (ms since
 * the epoch), newest first, at most `limit`.
 */
export async function recentDoneTicketIds(
  redis: Redis,
  restaurantId: string,
  since: number,
  limit: number = RECALL_POLICY.maxRecent,
): Promise<string[]> {
  return redis.zrevrangebyscore(recentKey(restaurantId), "+inf", since, "LIMIT", 0, limit);
}
