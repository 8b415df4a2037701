import { createCache } from "@tabletap/cache";
import { connectDb, Order } from "@tabletap/db";
import { createEmailSender, createSmsSender, GuestEmailLimit } from "@tabletap/notify";
import {
  createOrderEventConsumer,
  createSqsClient,
  orderQueueSender,
  pingQueue,
  resolveQueueUrl,
} from "@tabletap/queue";
import { createEventBus, createOrderChanges } from "@tabletap/realtime";
import { createRedis } from "@tabletap/redis";
import type { Logger } from "pino";
import type { WorkerEnv } from "./env";
import type { ReadinessCheck } from "./health";
import { handleOrderNotify } from "./order-notify";
import { handleOrderPlaced } from "./order-placed";
import { startReceiptRelay } from "./receipts";
import { startOutboxRelay } from "./relay";

/** A running worker. */
export interface RunningWorker {
  queueUrl: string;
  /** One readiness check per service the worker needs: MongoDB, Redis, SQS (its orders queue). */
  checks: Record<"mongodb" | "redis" | "sqs", ReadinessCheck>;
  /**
   * Stops receiving, lets the events being handled finish (see `OrderEventConsumer.stop`), at
   * most `WORKER_SHUTDOWN_TIMEOUT_MS`, stops the outbox and receipt relays after their passes, then closes its
   * connections (not MongoDB's). Resolves `drained: false` when events were still being handled
   * at the deadline: they are left unacknowledged, for SQS to redeliver.
   */
  stop(): Promise<{ drained: boolean }>;
}

/**
 * Starts the worker: a consumer of the orders queue that processes `order.placed` events
 * (see `handleOrderPlaced`) and `order.notify` events (the guest's texts: `handleOrderNotify`), received in batches and handled `WORKER_CONCURRENCY` at a time, the outbox relay, and the
 * receipt relay (`startReceiptRelay`: GST receipts of paid payments by email and SMS); the first two deliver order changes through one
 * `createOrderChanges` publisher, as the API does. Long polls wait `WORKER_RECEIVE_WAIT_SECONDS`.
 * Connects to MongoDB if not yet connected.
 */
export async function startWorker(env: WorkerEnv, log: Logger): Promise<RunningWorker> {
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
  const deps = {
    sms: createSmsSender(env, redis),
    email: createEmailSender(env),
    emailLimit: new GuestEmailLimit(redis),
    orderChanges,
    redis,
    log,
  };

  const consumer = createOrderEventConsumer({
    client: sqs,
    queueUrl,
    log,
    waitTimeSeconds: env.WORKER_RECEIVE_WAIT_SECONDS,
    concurrency: env.WORKER_CONCURRENCY,
    handle: async (event) => {
      if (event.type === "order.placed") await handleOrderPlaced(deps, event.orderId);
      else if (event.type === "order.notify") await handleOrderNotify(deps, event.orderId);
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
  const stopReceipts = startReceiptRelay({
    deps: { sms: deps.sms, email: deps.email, emailLimit: deps.emailLimit, guestAppUrl: env.GUEST_APP_URL, log },
    intervalMs: env.RECEIPT_RELAY_INTERVAL_MS,
  });
  log.info({ queueUrl }, "worker started");

  return {
    queueUrl,
    checks: {
      mongodb: async () => {
        const db = Order.db.db;
        if (!db) throw new Error("MongoDB is not connected");
        await db.admin().ping();
      },
      redis: () => redis.ping(),
      sqs: () => pingQueue(sqs, queueUrl),
    },
    async stop() {
      const [{ drained }] = await Promise.all([
        consumer.stop({ timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }),
        stopRelay(),
        stopReceipts(),
      ]);
      await bus.close();
      await cache.disconnect();
      await redis.quit();
      sqs.destroy();
      return { drained };
    },
  };
}
