import { z } from "zod";

/** An optional variable; an empty string (as `.env` files often leave them) counts as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** Variables the queue package needs; apps compose this schema and parse `process.env` once. */
export const queueEnvSchema = z.object({
  AWS_REGION: z.string().min(1).default("ap-south-1"),
  /** Local SQS stand-in (ElasticMQ), e.g. "http://127.0.0.1:9324"; unset = real SQS. */
  SQS_ENDPOINT: optional(z.url()),
  /** Explicit AWS credentials; unset = the SDK's default chain (IAM role, profile, ...). */
  AWS_ACCESS_KEY_ID: optional(z.string()),
  AWS_SECRET_ACCESS_KEY: optional(z.string()),
  /** Name (or full URL) of the queue that carries order events. */
  SQS_ORDERS_QUEUE: z.string().min(1).default("orders"),
  /** Name of its dead-letter queue. */
  SQS_ORDERS_DLQ: z.string().min(1).default("orders-dlq"),
});
export type QueueEnv = z.infer<typeof queueEnvSchema>;
