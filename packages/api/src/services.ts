import { LoginThrottle, OtpStore, TokenService } from "@tabletap/auth";
import { connectDb, flushOrderOutbox } from "@tabletap/db";
import { createEmailSender, createSmsSender, type EmailSender, type SmsSender } from "@tabletap/notify";
import { createSqsClient, orderEventSchema, publishOrderEvent, resolveQueueUrl } from "@tabletap/queue";
import type { OrderView } from "@tabletap/core";
import { createEventBus, publishOrderChange, type EventBus } from "@tabletap/realtime";
import { createRedis, type Redis } from "@tabletap/redis";
import { pino, type Logger } from "pino";
import { loadServerEnv, type ServerEnv } from "./env";

/** The process-wide clients the procedures use, created once from the environment. */
export interface Services {
  env: ServerEnv;
  log: Logger;
  redis: Redis;
  tokens: TokenService;
  otp: OtpStore;
  loginThrottle: LoginThrottle;
  sms: SmsSender;
  email: EmailSender;
  bus: EventBus;
  /** Publishes the order's pending outbox events to SQS; never throws (the relay retries). */
  flushOutbox(orderId: string): Promise<void>;
  /** Connects MongoDB (once; a failed attempt is retried by the next call). */
  connectDb(): Promise<unknown>;
}

/**
 * One value per process for connections, kept on `globalThis`: Next.js loads this module once per
 * bundle (route handlers, server components) and again on every dev hot reload, and all of those
 * should share one Redis connection. Everything else is created per module instance, so that
 * `instanceof` checks on errors see their own classes.
 */
function processWide<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  store[key] ??= create();
  return store[key];
}

function createServices(env: ServerEnv): Services {
  const log = pino({ name: "api", level: env.LOG_LEVEL });
  const redis = processWide("__tabletapApiRedis", () => createRedis(env.REDIS_URL, { name: "tabletap-api" }));
  const sqs = createSqsClient(env);
  return {
    env,
    log,
    redis,
    tokens: new TokenService(redis, { access: env.JWT_ACCESS_SECRET, refresh: env.JWT_REFRESH_SECRET }),
    otp: new OtpStore(redis, env.OTP_PEPPER),
    loginThrottle: new LoginThrottle(redis),
    sms: createSmsSender(env, redis),
    email: createEmailSender(env),
    bus: createEventBus({
      redis,
      createSubscriber: () => createRedis(env.REDIS_URL, { name: "tabletap-api-sub" }),
      onOverflow: (channel) => log.warn({ channel }, "a live subscription fell behind; catching up from the stream"),
    }),
    async flushOutbox(orderId) {
      try {
        const url = await resolveQueueUrl(sqs, env.SQS_ORDERS_QUEUE);
        await flushOrderOutbox(orderId, (event) => publishOrderEvent(sqs, url, orderEventSchema.parse(event)));
      } catch (error) {
        log.warn({ err: error, orderId }, "order event not published yet; the outbox relay will retry");
      }
    },
    connectDb: () => connectDb(env.MONGODB_URI),
  };
}

let services: Services | undefined;

/** The services, created on first use. @throws Error when the environment is invalid. */
export function getServices(): Services {
  services ??= createServices(loadServerEnv());
  return services;
}

/** Broadcasts an order change to kitchen and guest screens; a Redis hiccup is logged, never fails the request. */
export async function broadcastOrderChange(services: Pick<Services, "bus" | "log">, view: OrderView): Promise<void> {
  await publishOrderChange(services.bus, view).catch((error: unknown) => services.log.warn({ err: error, orderId: view.id }, "order change not broadcast"));
}
