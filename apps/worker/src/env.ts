import { createEnv } from "@t3-oss/env-core";
import { envOptions, logLevelSchema, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
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
      /** Most order events handled at once (received in batches of up to 10). */
      WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(10),
    },
    extends: [dbEnv(source), redisEnv(source), queueEnv(source), notifyEnv(source)],
    ...envOptions(source),
  });
}
export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
