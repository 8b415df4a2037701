import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/** Variables the database package needs (apps validate them once at start-up through `dbEnv`). */
export const dbEnvSchema = z.object({
  MONGODB_URI: z.url().default("mongodb://127.0.0.1:27017/tabletap"),
});
export type DbEnv = z.infer<typeof dbEnvSchema>;

/**
 * The database package's validated variables from `source` (default `process.env`); apps compose
 * it with `extends`. @throws Error naming every invalid variable.
 */
export function dbEnv(source: EnvSource = process.env) {
  return createEnv({ server: dbEnvSchema.shape, ...envOptions(source) });
}

/**
 * The seed script's validated variables (`pnpm seed`) from `source` (default `process.env`): the
 * database package's, plus `GUEST_APP_URL`, the guest app's origin that the printed table links
 * start with (default http://127.0.0.1:3000). @throws Error naming every invalid variable.
 */
export function seedEnv(source: EnvSource = process.env) {
  const server = { ...dbEnvSchema.shape, GUEST_APP_URL: z.url().default("http://127.0.0.1:3000") };
  return createEnv({ server, ...envOptions(source) });
}
