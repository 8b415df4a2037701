import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisBusDriver, redisDriver } from "bentocache/drivers/redis";
import { createRedis } from "@tabletap/redis";

/** Time to live of each cached kind (every write path also invalidates explicitly; the TTL bounds a missed one). */
export const CACHE_TTL = {
  /** A restaurant's menu, prices and tax settings. */
  menu: "10m",
  /** A table code → table lookup (also remembers unknown codes, so probing floods don't reach the database). */
  table: "10m",
  /** One order's view, for reads by id. */
  order: "1m",
  /** A restaurant's prep-time figures from its order history (`prepStats` in @tabletap/core/eta): they move slowly. */
  etaStats: "10m",
} as const;

/** Cache keys, one builder per kind (the store prefixes them with `tabletap:cache:`). */
export const cacheKeys = {
  menu: (restaurantId: string) => `menu:${restaurantId}`,
  table: (code: string) => `table:${code}`,
  order: (orderId: string) => `order:${orderId}`,
  etaStats: (restaurantId: string) => `eta-stats:${restaurantId}`,
};

/** Tags: everything cached about one restaurant (menu and its tables) goes with `deleteByTag`. */
export const cacheTags = {
  restaurant: (restaurantId: string) => `restaurant:${restaurantId}`,
};

export type Cache = BentoCache<{ cache: ReturnType<typeof bentostore> }>;

/**
 * The process's cache-aside store: memory (L1, at most `maxItems` entries) in front of Redis
 * (L2), with Redis pub/sub carrying deletes to the other processes' memory. Values must be JSON
 * (views, not documents). Read with `getOrSet({ key, ttl, factory, tags })` (a `CACHE_TTL`
 * duration) and call `delete` / `deleteByTag` on every write path. If Redis fails, reads fall back to the loader (L2 errors
 * suppressed) rather than failing the request.
 *
 * The cache opens three Redis connections of its own (L2 commands, and the bus's publisher and
 * subscriber) and closes them on `disconnect()`.
 * @param opts.redisUrl `REDIS_URL`; opts.name names the connections in `CLIENT LIST` (e.g. "api").
 */
export function createCache(opts: { redisUrl: string; name: string; maxItems?: number }): Cache {
  return new BentoCache({
    default: "cache",
    prefix: "tabletap:cache",
    ttl: "10m",
    suppressL2Errors: true,
    stores: {
      cache: bentostore()
        .useL1Layer(memoryDriver({ maxItems: opts.maxItems ?? 10_000 }))
        .useL2Layer(redisDriver({ connection: createRedis(opts.redisUrl, { name: `${opts.name}-cache` }) }))
        // The bus opens two duplicates of this client (publisher and subscriber) and closes them
        // at disconnect; the client itself is only their template, so it must never connect (it
        // would stay open after disconnect).
        .useBus(
          redisBusDriver({
            connection: createRedis(opts.redisUrl, { name: `${opts.name}-cache-bus`, lazyConnect: true }),
          }),
        ),
    },
  });
}
