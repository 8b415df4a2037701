import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * Variables the queue package needs (apps validate them once at start-up through `queueEnv`,
 * where an empty string counts as unset).
 */
export const queueEnvSchema = z.object({
  AWS_REGION: z.string().min(1).default("ap-south-1"),
  /** Local SQS stand-in (ElasticMQ), e.g. "http://127.0.0.1:9324"; unset = real SQS. */
  SQS_ENDPOINT: z.url().optional(),
  /** Explicit AWS credentials; unset = the SDK's default chain (IAM role, profile, ...). */
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  /** Name (or full URL) of the queue that carries order events. */
  SQS_ORDERS_QUEUE: z.string().min(1).default("orders"),
  /** Name of its dead-letter queue. */
  SQS_ORDERS_DLQ: z.string().min(1).default("orders-dlq"),
});
export type QueueEnv = z.infer<typeof queueEnvSchema>;

/**
 * The queue package's validated variables from `source` (default `process.env`; empty strings
 * count as unset); apps compose it with `extends`. @throws Error naming every invalid variable.
 */
export function queueEnv(source: EnvSource = process.env) {
  return createEnv({ server: queueEnvSchema.shape, ...envOptions(source) });
}
