import { createEnv } from "@t3-oss/env-core";
import { envOptions, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * Variables the notify package needs (apps validate them once at start-up through `notifyEnv`,
 * where an empty string counts as unset). SMS goes through Twilio only when all three `TWILIO_*`
 * variables are set (required in production); otherwise through the dev outbox in Redis.
 */
export const notifyEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  /** E.164 sender number ("+15005550006"), or a Messaging Service SID ("MG..."). */
  TWILIO_FROM_NUMBER: z.string().optional(),
  AWS_REGION: z.string().min(1).default("ap-south-1"),
  /** Local SES stand-in (aws-ses-v2-local), e.g. "http://127.0.0.1:8005"; unset = real SES. */
  SES_ENDPOINT: z.url().optional(),
  /** Explicit AWS credentials; unset = the SDK's default chain (IAM role, profile, ...). */
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  /** Sender address of every email: "orders@example.com" or "Tabletap <orders@example.com>". */
  SES_FROM_EMAIL: z.string().min(3).default("orders@tabletap.local"),
});
export type NotifyEnv = z.infer<typeof notifyEnvSchema>;

/**
 * The notify package's validated variables from `source` (default `process.env`; empty strings
 * count as unset); apps compose it with `extends`. @throws Error naming every invalid variable.
 */
export function notifyEnv(source: EnvSource = process.env) {
  return createEnv({ server: notifyEnvSchema.shape, ...envOptions(source) });
}
