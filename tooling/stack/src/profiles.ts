/** The two local stacks: `dev` keeps its data between runs, `test` starts clean every time. */
export type StackProfile = "dev" | "test";

export type ServiceName = "mongodb" | "redis" | "sqs" | "ses";

export interface ProfileConfig {
  ports: Record<ServiceName, number>;
  /** Database name in MONGODB_URI. */
  database: string;
  /** Wipe each started service's data directory and log before starting it. */
  wipe: boolean;
}

export const PROFILES: Record<StackProfile, ProfileConfig> = {
  dev: { ports: { mongodb: 27017, redis: 6379, sqs: 9324, ses: 8005 }, database: "tabletap", wipe: false },
  test: { ports: { mongodb: 27117, redis: 6479, sqs: 9424, ses: 8105 }, database: "tabletap_test", wipe: true },
};

/** Every local service listens on loopback only. */
export const HOST = "127.0.0.1";

/** Queues created in the local SQS (ElasticMQ). */
export const ORDERS_QUEUE = "orders";
export const ORDERS_DLQ = "orders-dlq";

/** Region and credentials given to apps that talk to the local AWS stand-ins. */
export const LOCAL_AWS = { AWS_REGION: "ap-south-1", AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };

/** Type guard for a `--profile` argument. */
export function isProfile(value: string): value is StackProfile {
  return value === "dev" || value === "test";
}
