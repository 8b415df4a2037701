import type { Redis } from "@tabletap/redis";

/**
 * The index of orders whose outbox still holds events after a delivery attempt failed: a Redis
 * sorted set of order ids scored by when the failure happened (ms since the epoch, UTC). The
 * outbox relay reads it instead of querying every order's outbox, so a relay pass costs the same
 * at 1,000 and at 100,000 stored orders. The outbox in the order document stays the source of
 * truth: an order left out of the index (a crash between the write and its delivery, or Redis
 * down) is found by the relay's rare full sweep.
 */
const PENDING_KEY = "tabletap:outbox:pending";

/** Records that `orderId` has undelivered outbox events (idempotent; keeps the first time). */
export async function markOutboxPending(redis: Redis, orderId: string, at = new Date()): Promise<void> {
  await redis.zadd(PENDING_KEY, "NX", at.getTime(), orderId);
}

/** Up to `limit` order ids marked pending before `olderThan`, oldest first. */
export function pendingOutboxOrders(redis: Redis, olderThan: Date, limit = 100): Promise<string[]> {
  return redis.zrangebyscore(PENDING_KEY, "-inf", String(olderThan.getTime()), "LIMIT", "0", String(limit));
}

/** Removes orders whose outbox was delivered from the index. */
export async function clearOutboxPending(redis: Redis, orderIds: string[]): Promise<void> {
  if (orderIds.length > 0) await redis.zrem(PENDING_KEY, ...orderIds);
}
