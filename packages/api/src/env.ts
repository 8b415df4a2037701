import { authEnvSchema } from "@tabletap/auth";
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

const schemas = [appEnvSchema, dbEnvSchema, authEnvSchema, redisEnvSchema, queueEnvSchema, notifyEnvSchema] as const;

export type ServerEnv = z.infer<typeof appEnvSchema> &
  z.infer<typeof dbEnvSchema> &
  z.infer<typeof authEnvSchema> &
  z.infer<typeof redisEnvSchema> &
  z.infer<typeof queueEnvSchema> &
  z.infer<typeof notifyEnvSchema>;

/**
 * Parses the server environment with every package's schema (the one place the API reads
 * `process.env`). @throws Error listing every missing or invalid variable, so a production
 * deployment with a missing or default secret refuses to start.
 */
export function loadServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const problems: string[] = [];
  const merged: Record<string, unknown> = {};
  for (const schema of schemas) {
    const result = schema.safeParse(source);
    if (result.success) Object.assign(merged, result.data);
    else for (const issue of result.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length > 0) throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  return merged as ServerEnv;
}
