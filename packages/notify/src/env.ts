import { z } from "zod";

/** An optional variable; an empty string (as `.env` files often leave them) counts as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * Variables the notify package needs; apps compose this schema and parse `process.env` once.
 * SMS goes through Twilio only when all three `TWILIO_*` variables are set (required in
 * production); otherwise through the dev outbox in Redis.
 */
export const notifyEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  TWILIO_ACCOUNT_SID: optional(z.string()),
  TWILIO_AUTH_TOKEN: optional(z.string()),
  /** E.164 sender number ("+15005550006"), or a Messaging Service SID ("MG..."). */
  TWILIO_FROM_NUMBER: optional(z.string()),
  AWS_REGION: z.string().min(1).default("ap-south-1"),
  /** Local SES stand-in (aws-ses-v2-local), e.g. "http://127.0.0.1:8005"; unset = real SES. */
  SES_ENDPOINT: optional(z.url()),
  /** Explicit AWS credentials; unset = the SDK's default chain (IAM role, profile, ...). */
  AWS_ACCESS_KEY_ID: optional(z.string()),
  AWS_SECRET_ACCESS_KEY: optional(z.string()),
  /** Sender address of every email: "orders@example.com" or "Tabletap <orders@example.com>". */
  SES_FROM_EMAIL: z.string().min(3).default("orders@tabletap.local"),
});
export type NotifyEnv = z.infer<typeof notifyEnvSchema>;
