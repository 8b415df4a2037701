import { createCache } from "@tabletap/cache";
import { connectDb } from "@tabletap/db";
import { createEmailSender, createSmsSender } from "@tabletap/notify";
import { createOrderEventConsumer, createSqsClient, orderQueueSender, resolveQueueUrl } from "@tabletap/queue";
import { createEventBus, createOrderChanges } from "@tabletap/realtime";
import { createRedis } from "@tabletap/redis";
import type { Logger } from "pino";
import type { WorkerEnv } from "./env";
import { handleOrderPlaced } from "./order-placed";
import { startOutboxRelay } from "./relay";

/**
 * A running worker; `stop()` lets in-flight messages finish (waiting up to the long-poll wait for
 * the receives in flight), then closes its connections (not MongoDB's).
 */
export interface RunningWorker {
  queueUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the worker: a consumer of the orders queue that processes `order.placed` events
 * (see `handleOrderPlaced`), received in batches and handled `WORKER_CONCURRENCY` at a time, and the outbox relay; both deliver order changes through one
 * `createOrderChanges` publisher, as the API does. Connects to MongoDB if not yet connected.
 * @param opts.waitTimeSeconds SQS long-poll wait (default 20 s; tests use less to stop quickly).
 */
export async function startWorker(
  env: WorkerEnv,
  log: Logger,
  opts: { waitTimeSeconds?: number } = {},
): Promise<RunningWorker> {
  await connectDb(env.MONGODB_URI, { log });
  const redis = createRedis(env.REDIS_URL, { name: "tabletap-worker" });
  const bus = createEventBus({
    redis,
    createSubscriber: () => createRedis(env.REDIS_URL, { name: "tabletap-worker-sub" }),
  });
  const cache = createCache({ redisUrl: env.REDIS_URL, name: "tabletap-worker" });
  const sqs = createSqsClient(env);
  const queueUrl = await resolveQueueUrl(sqs, env.SQS_ORDERS_QUEUE);
  const orderChanges = createOrderChanges({ bus, redis, cache, sendToQueue: orderQueueSender(sqs, queueUrl), log });
  const deps = { sms: createSmsSender(env, redis), email: createEmailSender(env), orderChanges, redis, log };

  const consumer = createOrderEventConsumer({
    client: sqs,
    queueUrl,
    log,
    waitTimeSeconds: opts.waitTimeSeconds ?? 20,
    concurrency: env.WORKER_CONCURRENCY,
    handle: async (event) => {
      if (event.type === "order.placed") await handleOrderPlaced(deps, event.orderId);
    },
  });
  consumer.start();
  const stopRelay = startOutboxRelay({
    orderChanges,
    log,
    intervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
    graceMs: env.OUTBOX_RELAY_GRACE_MS,
    sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
  });
  log.info({ queueUrl }, "worker started");

  return {
    queueUrl,
    async stop() {
      await Promise.all([consumer.stop(), stopRelay()]);
      await bus.close();
      await cache.disconnect();
      await redis.quit();
      sqs.destroy();
    },
  };
}
