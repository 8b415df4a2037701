import { z } from "zod";

/** Variables the Redis package needs; apps compose this schema and parse `process.env` once. */
export const redisEnvSchema = z.object({
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
});
export type RedisEnv = z.infer<typeof redisEnvSchema>;
