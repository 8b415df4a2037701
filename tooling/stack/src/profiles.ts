/**
 * The two local stacks. `dev` listens on fixed, well-known ports, keeps its data between runs
 * and reuses services already answering there. `test` is new every run: free ports picked at
 * start, its own data directory (`.data/test/run-<pid>/`, deleted at stop), nothing reused — so
 * two test runs on one machine never share a port, a database or a queue.
 */
export type StackProfile = "dev" | "test";

export type ServiceName = "mongodb" | "redis" | "sqs" | "ses" | "s3" | "razorpay";

export interface ProfileConfig {
  /** Fixed ports, or "free": ports the operating system says are free when the stack starts. */
  ports: Record<ServiceName, number> | "free";
  /** Database name in MONGODB_URI. */
  database: string;
  /** A run of its own: fresh data directory per run (removed at stop), no reuse of running services. */
  isolated: boolean;
}

export const PROFILES: Record<StackProfile, ProfileConfig> = {
  dev: {
    ports: { mongodb: 27017, redis: 6379, sqs: 9324, ses: 8005, s3: 7070, razorpay: 7080 },
    database: "tabletap",
    isolated: false,
  },
  test: { ports: "free", database: "tabletap_test", isolated: true },
};

/** Every local service listens on loopback only. */
export const HOST = "127.0.0.1";

/** Queues created in the local SQS (ElasticMQ). */
export const ORDERS_QUEUE = "orders";
export const ORDERS_DLQ = "orders-dlq";
/** The orders queue's settings: visibility timeout (seconds) and receives before a message is dead-lettered. */
export const ORDERS_QUEUE_SETTINGS = { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 };

/** The bucket created in the local S3 (versitygw) for menu photos. */
export const MEDIA_BUCKET = "tabletap-media";

/** The guest app's origin in development (its `dev` script's port): where the dev stack's local Razorpay sends webhooks. */
export const DEV_GUEST_APP_URL = "http://127.0.0.1:3000";

/** The guest app's Razorpay webhook endpoint, under its origin. */
export const RAZORPAY_WEBHOOK_PATH = "/api/webhooks/razorpay";

/** Region and credentials given to apps that talk to the local AWS stand-ins (the local S3's root account too). */
export const LOCAL_AWS = { AWS_REGION: "ap-south-1", AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };

/** Type guard for a `--profile` argument. */
export function isProfile(value: string): value is StackProfile {
  return value === "dev" || value === "test";
}
