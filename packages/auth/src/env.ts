import { createEnv } from "@t3-oss/env-core";
import { envOptions, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

const DEV_DEFAULTS = {
  JWT_ACCESS_SECRET: "dev-only-access-secret-change-me",
  JWT_REFRESH_SECRET: "dev-only-refresh-secret-change-me",
  OTP_PEPPER: "dev-only-otp-pepper-change-me",
} as const;

/**
 * Secrets of the auth package. Outside production each has a dev default; in production a
 * missing, short (< 32 characters) or default secret fails validation, so the apps refuse to start.
 */
export const authEnvSchema = z
  .object({
    NODE_ENV: nodeEnvSchema,
    JWT_ACCESS_SECRET: z.string().default(DEV_DEFAULTS.JWT_ACCESS_SECRET),
    JWT_REFRESH_SECRET: z.string().default(DEV_DEFAULTS.JWT_REFRESH_SECRET),
    OTP_PEPPER: z.string().default(DEV_DEFAULTS.OTP_PEPPER),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]) {
      if (env[key] === DEV_DEFAULTS[key] || env[key].length < 32) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${key} must be set to a random secret of at least 32 characters in production`,
        });
      }
    }
  });
export type AuthEnv = z.infer<typeof authEnvSchema>;

/**
 * The auth package's validated secrets from `source` (default `process.env`; empty strings count
 * as unset); apps compose it with `extends`. @throws Error naming every secret that is missing,
 * short or left at its dev default in production.
 */
export function authEnv(source: EnvSource = process.env) {
  // The production check spans several variables, so the whole refined schema validates.
  return createEnv({ server: authEnvSchema.shape, createFinalSchema: () => authEnvSchema, ...envOptions(source) });
}
