import { authEnvSchema } from "@tabletap/auth";
import { parseEnv } from "@tabletap/core";
import { dbEnvSchema } from "@tabletap/db";
import { notifyEnvSchema } from "@tabletap/notify";
import { queueEnvSchema } from "@tabletap/queue";
import { redisEnvSchema } from "@tabletap/redis";
import { z } from "zod";

const appEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Trust the first `X-Forwarded-For` address as the client IP (behind a load balancer). */
  TRUST_PROXY: z.stringbool().default(false),
});

const serverEnvSchemas = [appEnvSchema, dbEnvSchema, authEnvSchema, redisEnvSchema, queueEnvSchema, notifyEnvSchema] as const;

/**
 * Parses the API server's environment with every package's schema (the one place the API reads
 * `process.env`). @throws Error listing every missing or invalid variable, so a production
 * deployment with a missing or default secret refuses to start.
 */
export function loadServerEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(serverEnvSchemas, source);
}
export type ServerEnv = ReturnType<typeof loadServerEnv>;
