export { createRedis } from "./client";
export type { CreateRedisOptions, Redis } from "./client";
export { redisEnv, redisEnvSchema } from "./env";
export type { RedisEnv } from "./env";
export { withLock } from "./lock";
