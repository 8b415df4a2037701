import { Redis } from "ioredis";
import type { RedisOptions } from "ioredis";

export type { Redis } from "ioredis";

export interface CreateRedisOptions {
  /** Connection name shown by `CLIENT LIST` (e.g. "api", "worker:subscriber"). */
  name?: string;
  /** When true the client does not connect until the first command (or `connect()`). Default false. */
  lazyConnect?: boolean;
}

/**
 * Creates an ioredis client for `url` (`redis://` or `rediss://`, as `REDIS_URL`) with the
 * settings every Tabletap process shares:
 * - `disableClientInfo: true`: Redis 7.0 has no `CLIENT SETINFO`, and ioredis can otherwise
 *   loop reconnecting against it;
 * - `maxRetriesPerRequest: 3`: a command fails with `MaxRetriesPerRequestError` after three
 *   reconnection attempts instead of hanging a request for a long time while Redis is down;
 * - `enableAutoPipelining: true`: commands issued in the same tick share one round trip;
 * - reconnects with a capped backoff (50 ms per attempt, at most 2 s).
 *
 * The same client can be used for commands and, on a separate instance, for `SUBSCRIBE`
 * (a subscribed connection cannot run other commands). The caller owns the client and must
 * `quit()` it on shutdown. Throws synchronously only when `url` is not a valid Redis URL.
 */
export function createRedis(url: string, opts: CreateRedisOptions = {}): Redis {
  const options: RedisOptions = {
    disableClientInfo: true,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    lazyConnect: opts.lazyConnect ?? false,
    retryStrategy: (times) => Math.min(times * 50, 2000),
  };
  if (opts.name) options.connectionName = opts.name;
  return new Redis(url, options);
}
