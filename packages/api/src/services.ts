import type { SQSClient } from "@aws-sdk/client-sqs";
import { LoginThrottle, OtpStore, TokenService } from "@tabletap/auth";
import { createCache, type Cache } from "@tabletap/cache";
import { connectDb } from "@tabletap/db";
import {
  createEmailSender,
  createSmsSender,
  GuestEmailLimit,
  type EmailSender,
  type SmsSender,
} from "@tabletap/notify";
import { createMediaStore, createS3Client, type MediaStore } from "@tabletap/media";
import { createPaymentGateway, type PaymentGateway } from "@tabletap/payments";
import { createSqsClient, orderQueueSender } from "@tabletap/queue";
import { createEventBus, createOrderChanges, type EventBus, type OrderChanges } from "@tabletap/realtime";
import { createRedis, type Redis } from "@tabletap/redis";
import { pino, type Logger } from "pino";
import { loadServerEnv, type ServerEnv } from "./env";
import { OrderThrottle } from "./order-throttle";

/** The process-wide clients the procedures use, created once from the environment. */
export interface Services {
  env: ServerEnv;
  log: Logger;
  redis: Redis;
  /** The cache-aside store for menus, table codes and orders (@tabletap/cache). */
  cache: Cache;
  tokens: TokenService;
  otp: OtpStore;
  loginThrottle: LoginThrottle;
  /** The limits on placing orders per guest and per table (`ORDER_POLICY`). */
  orderThrottle: OrderThrottle;
  sms: SmsSender;
  email: EmailSender;
  /** Counts every email to a guest against `EMAIL_POLICY` (shared with the worker's receipts). */
  emailLimit: GuestEmailLimit;
  bus: EventBus;
  /** The SQS client order events are published with (`createSqsClient`). */
  sqs: SQSClient;
  /** Delivers an order's change (SQS, live channels) after it was stored; never throws (the worker's relay retries). */
  orderChanges: OrderChanges;
  /** The photos bucket (`S3_BUCKET`), where menu item photos are stored. */
  media: MediaStore;
  /** Where browsers load photos from: `S3_PUBLIC_URL`, else the apps' own `/media` route (`mediaRouteHandler`). */
  mediaBaseUrl: string;
  /** Razorpay through its SDK (`RAZORPAY_*`; the local driver when `RAZORPAY_API_URL` is set): orders, refunds, signatures. */
  payments: PaymentGateway;
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

/**
 * The services for `env` (tests build their own from an explicit env object; the apps use
 * `getServices`). The Redis connection is shared per process (see `processWide`).
 */
export function createServices(env: ServerEnv): Services {
  const log = pino({ name: "api", level: env.LOG_LEVEL });
  const redis = processWide("__tabletapApiRedis", () => createRedis(env.REDIS_URL, { name: "tabletap-api" }));
  const cache = processWide("__tabletapApiCache", () => createCache({ redisUrl: env.REDIS_URL, name: "tabletap-api" }));
  const sqs = createSqsClient(env);
  const bus = createEventBus({
    redis,
    createSubscriber: () => createRedis(env.REDIS_URL, { name: "tabletap-api-sub" }),
    onOverflow: (channel) => log.warn({ channel }, "a live subscription fell behind; catching up from the stream"),
  });
  return {
    env,
    log,
    redis,
    cache,
    tokens: new TokenService(redis, { access: env.JWT_ACCESS_SECRET, refresh: env.JWT_REFRESH_SECRET }),
    otp: new OtpStore(redis, env.OTP_PEPPER),
    loginThrottle: new LoginThrottle(redis),
    orderThrottle: new OrderThrottle(redis),
    sms: createSmsSender(env, redis),
    email: createEmailSender(env),
    emailLimit: new GuestEmailLimit(redis),
    bus,
    sqs,
    orderChanges: createOrderChanges({
      bus,
      redis,
      cache,
      sendToQueue: orderQueueSender(sqs, env.SQS_ORDERS_QUEUE),
      log,
    }),
    media: createMediaStore(createS3Client(env), env.S3_BUCKET),
    mediaBaseUrl: env.S3_PUBLIC_URL ?? MEDIA_ROUTE,
    payments: createPaymentGateway(env),
    connectDb: () => connectDb(env.MONGODB_URI, { log }),
  };
}

/** The path both apps serve photos at when `S3_PUBLIC_URL` is unset (`app/media/[...key]/route.ts`). */
const MEDIA_ROUTE = "/media";

let services: Services | undefined;

/** The services, created on first use. @throws Error when the environment is invalid. */
export function getServices(): Services {
  services ??= createServices(loadServerEnv());
  return services;
}
