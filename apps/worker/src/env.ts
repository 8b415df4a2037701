import { createEnv } from "@t3-oss/env-core";
import { envOptions, guestAppUrlSchema, logLevelSchema, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { RECEIPT_POLICY } from "@tabletap/core/receipt";
import { dbEnv } from "@tabletap/db";
import { notifyEnv } from "@tabletap/notify";
import { queueEnv } from "@tabletap/queue";
import { redisEnv } from "@tabletap/redis";
import { z } from "zod";

/**
 * The worker's environment: its own variables plus those of the packages it uses (composed with
 * `extends`; the one place the worker reads `process.env`). Empty strings count as unset.
 * @throws Error naming every invalid variable of the first package whose check fails.
 */
export function loadWorkerEnv(source: EnvSource = process.env) {
  return createEnv({
    server: {
      NODE_ENV: nodeEnvSchema,
      LOG_LEVEL: logLevelSchema,
      /** How often the outbox relay looks for order events that were not published, milliseconds. */
      OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(200).default(5_000),
      /** A pending outbox event younger than this is left to the request that created it, milliseconds. */
      OUTBOX_RELAY_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
      /**
       * How often the relay also sweeps every order's outbox (finds events whose delivery was
       * never attempted, e.g. after a crash), milliseconds. The sweep reads all orders: keep it rare.
       */
      OUTBOX_SWEEP_INTERVAL_MS: z.coerce.number().int().min(200).default(600_000),
      /** The guest app's origin: the receipt links texted to payers are `${GUEST_APP_URL}/receipts/{token}`. */
      GUEST_APP_URL: guestAppUrlSchema(source),
      /** How often the receipt relay looks for paid payments whose receipt is not sent yet, milliseconds. */
      RECEIPT_RELAY_INTERVAL_MS: z.coerce.number().int().min(200).default(RECEIPT_POLICY.intervalMs),
      /** Most order events handled at once (received in batches of up to 10). */
      WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(10),
      /**
       * SQS long-poll wait per receive, seconds (0–20, SQS's own limit). Longer means fewer empty
       * receives; a stopping worker waits for the receives in flight, so it also bounds how long
       * stopping takes when idle.
       */
      WORKER_RECEIVE_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
      /**
       * How long a stopping worker (SIGTERM, SIGINT) waits for the last receives and the events
       * being handled, milliseconds; what is not done by then is left unacknowledged and SQS
       * redelivers it after its visibility timeout. Keep it above the receive wait and below the
       * platform's kill grace period (Kubernetes and ECS: 30 s).
       */
      WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
      /** Address of the worker's health server (0.0.0.0 in a container, for the orchestrator's probes). */
      WORKER_HEALTH_HOST: z.string().min(1).default("127.0.0.1"),
      /**
       * Port of the worker's health server (`GET /health`, `GET /ready`); 0 turns it off.
       * Default 4002, but off under NODE_ENV=test, where workers of parallel runs share a machine.
       */
      WORKER_HEALTH_PORT: z.coerce
        .number()
        .int()
        .min(0)
        .max(65_535)
        .default(source.NODE_ENV === "test" ? 0 : 4002),
    },
    extends: [dbEnv(source), redisEnv(source), queueEnv(source), notifyEnv(source)],
    ...envOptions(source),
  });
}
export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
