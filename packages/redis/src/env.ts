import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/** Variables the Redis package needs (apps validate them once at start-up through `redisEnv`). */
export const redisEnvSchema = z.object({
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
});
export type RedisEnv = z.infer<typeof redisEnvSchema>;

/**
 * The Redis package's validated variables from `source` (default `process.env`); apps compose it
 * with `extends`. @throws Error naming every invalid variable (e.g. a `REDIS_URL` that is not a
 * `redis://` or `rediss://` URL).
 */
export function redisEnv(source: EnvSource = process.env) {
  return createEnv({ server: redisEnvSchema.shape, ...envOptions(source) });
}
