import { createEnv } from "@t3-oss/env-core";
import { envOptions, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

const DEV_DEFAULTS = {
  JWT_ACCESS_SECRET: "dev-only-access-secret-change-me",
  JWT_REFRESH_SECRET: "dev-only-refresh-secret-change-me",
  OTP_PEPPER: "dev-only-otp-pepper-change-me",
} as const;
type SecretName = keyof typeof DEV_DEFAULTS;

/**
 * The least a production secret must have: 32 characters (HS256 wants a key of at least 256 bits,
 * RFC 7518 §3.2) and 128 bits of estimated entropy (security strength 128, NIST SP 800-57 Part 1
 * §5.6.1), so a long but guessable string ("a"×32, "abcabc…", words) is refused.
 */
const SECRET_POLICY = { minLength: 32, minEntropyBits: 128 } as const;

let estimator: ZxcvbnFactory | undefined;

/**
 * Estimated entropy of `secret` in bits: log2 of the guesses zxcvbn-ts needs (repeats, sequences,
 * keyboard walks, common passwords and words found; anything else counted as brute force at 10
 * guesses a character, a conservative figure: 32 random hex characters estimate ≈ 106 bits, a
 * 64-character `openssl rand -base64 48` ≈ 210). The estimator is built on first use, in production only.
 */
function estimatedEntropyBits(secret: string): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(secret).guessesLog10 * Math.log2(10);
}

/**
 * Secrets of the auth package. Outside production each has a dev default. In production each must
 * be random (`SECRET_POLICY`: at least 32 characters and 128 bits of estimated entropy), not its
 * dev default, and different from the others (a key shared by access and refresh tokens or the
 * OTP hashes would let one stand in for another); otherwise validation fails and the apps refuse to start.
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
    const names = Object.keys(DEV_DEFAULTS) as SecretName[];
    names.forEach((key, index) => {
      const value = env[key];
      const reused = names.slice(0, index).find((earlier) => env[earlier] === value);
      const weak =
        value === DEV_DEFAULTS[key] ||
        value.length < SECRET_POLICY.minLength ||
        estimatedEntropyBits(value) < SECRET_POLICY.minEntropyBits;
      if (!weak && !reused) return;
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: reused
          ? `${key} must differ from ${reused} in production`
          : `${key} must be a random secret (at least ${SECRET_POLICY.minLength} characters and ${SECRET_POLICY.minEntropyBits} bits of entropy, e.g. openssl rand -base64 48) in production`,
      });
    });
  });
export type AuthEnv = z.infer<typeof authEnvSchema>;

/**
 * The auth package's validated secrets from `source` (default `process.env`; empty strings count
 * as unset); apps compose it with `extends`. @throws Error naming every secret that is missing,
 * weak (short, guessable or left at its dev default) or shared with another in production.
 */
export function authEnv(source: EnvSource = process.env) {
  // The production check spans several variables, so the whole refined schema validates.
  return createEnv({ server: authEnvSchema.shape, createFinalSchema: () => authEnvSchema, ...envOptions(source) });
}
