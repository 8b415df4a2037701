import type { Redis } from "ioredis";
import { Mutex } from "redis-semaphore";

/**
 * Runs `fn` while holding a Redis mutex on `resource` (redis-semaphore's `Mutex`: SET NX with a
 * token, refreshed while held, released by token), so read-modify-write steps on one document
 * are serialised across every API instance and worker. MongoDB makes a conditional single-
 * document update atomic on its own; the local stand-in (FerretDB v1 on SQLite) does not, so
 * the code that must not race takes this lock and stays correct on both.
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
