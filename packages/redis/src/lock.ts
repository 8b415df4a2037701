import type { Redis } from "ioredis";
import { Mutex } from "redis-semaphore";

/**
 * Runs `fn` while holding a Redis mutex on `resource` (redis-semaphore's `Mutex`: SET NX with a
 * token, refreshed while held, released by token), across every API instance and worker. Only
 * for a step that one conditional update can't make safe: the worker's "send a notification,
 * then record that it was sent" (claiming first would lose the message if the send failed).
 * Status changes, order numbers and table sessions use atomic conditional updates instead.
 *
 * @param resource a lock name, e.g. "order:6b01…"; stored as `mutex:{resource}`.
 * @throws redis-semaphore's TimeoutError when the lock can't be acquired within 10 s.
 */
export async function withLock<T>(redis: Redis, resource: string, fn: () => Promise<T>): Promise<T> {
  const mutex = new Mutex(redis, resource, { lockTimeout: 10_000, acquireTimeout: 10_000, retryInterval: 5 });
  await mutex.acquire();
  try {
    return await fn();
  } finally {
    await mutex.release();
  }
}
