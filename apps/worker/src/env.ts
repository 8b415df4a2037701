import { parseEnv } from "@tabletap/core";
import { dbEnvSchema } from "@tabletap/db";
import { notifyEnvSchema } from "@tabletap/notify";
import { queueEnvSchema } from "@tabletap/queue";
import { redisEnvSchema } from "@tabletap/redis";
import { z } from "zod";

const workerEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often the outbox relay looks for order events that were not published, milliseconds. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(200).default(5_000),
  /** A pending outbox event younger than this is left to the request that created it, milliseconds. */
  OUTBOX_RELAY_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
});

const workerEnvSchemas = [workerEnvSchema, dbEnvSchema, redisEnvSchema, queueEnvSchema, notifyEnvSchema] as const;

/** Parses the worker's environment (the one place it reads `process.env`). @throws Error listing every invalid variable. */
export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(workerEnvSchemas, source);
}
export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
