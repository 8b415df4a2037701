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
