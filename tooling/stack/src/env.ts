import { LOCAL_RAZORPAY_ACCOUNT } from "@tabletap/payments";
import { HOST, LOCAL_AWS, MEDIA_BUCKET, ORDERS_DLQ, ORDERS_QUEUE, type ServiceName } from "./profiles";

type Env = Record<string, string | undefined>;

/**
 * Which services must be provided locally: those whose real endpoint is not configured.
 * `AWS_REGION` without `SQS_ENDPOINT` / `SES_ENDPOINT` / `S3_ENDPOINT` means real AWS for that service;
 * `RAZORPAY_KEY_ID` without `RAZORPAY_API_URL` means real Razorpay.
 */
export function localServices(env: Env): ServiceName[] {
  const set = (key: string) => Boolean(env[key]);
  const wanted: [ServiceName, boolean][] = [
    ["mongodb", !set("MONGODB_URI")],
    ["redis", !set("REDIS_URL")],
    ["sqs", !set("SQS_ENDPOINT") && !set("AWS_REGION")],
    ["ses", !set("SES_ENDPOINT") && !set("AWS_REGION")],
    ["s3", !set("S3_ENDPOINT") && !set("AWS_REGION")],
    ["razorpay", !set("RAZORPAY_API_URL") && !set("RAZORPAY_KEY_ID")],
  ];
  return wanted.filter(([, local]) => local).map(([name]) => name);
}

/** The URL apps use to reach a local service listening on `port` (`database`: MongoDB's database name). */
export function localUrl(name: ServiceName, port: number, database: string): string {
  switch (name) {
    case "mongodb":
      return `mongodb://${HOST}:${port}/${database}`;
    case "redis":
      return `redis://${HOST}:${port}`;
    case "sqs":
    case "ses":
    case "s3":
    case "razorpay":
      return `http://${HOST}:${port}`;
  }
}

/** Where a service that is *not* local lives, for display (AWS when only a region is set). */
export function externalUrl(name: ServiceName, env: Env): string {
  switch (name) {
    case "mongodb":
      return env.MONGODB_URI ?? "";
    case "redis":
      return env.REDIS_URL ?? "";
    case "sqs":
      return env.SQS_ENDPOINT ?? `https://sqs.${env.AWS_REGION}.amazonaws.com`;
    case "ses":
      return env.SES_ENDPOINT ?? `https://email.${env.AWS_REGION}.amazonaws.com`;
    case "s3":
      return env.S3_ENDPOINT ?? `https://s3.${env.S3_REGION ?? env.AWS_REGION}.amazonaws.com`;
    case "razorpay":
      return env.RAZORPAY_API_URL ?? "https://api.razorpay.com";
  }
}

/**
 * The environment apps need: the inputs that pointed at real services, passed through, plus
 * the outputs for the local ones in `localUrls` (URLs, queue names, the photos bucket and its
 * region, and local AWS region/credentials unless set).
 */
export function stackEnv(env: Env, localUrls: Partial<Record<ServiceName, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [
    "MONGODB_URI",
    "REDIS_URL",
    "SQS_ENDPOINT",
    "SES_ENDPOINT",
    "S3_ENDPOINT",
    "S3_BUCKET",
    "S3_REGION",
    "AWS_REGION",
    "SQS_ORDERS_QUEUE",
    "SQS_ORDERS_DLQ",
    "RAZORPAY_API_URL",
    "RAZORPAY_CHECKOUT_URL",
    "RAZORPAY_KEY_ID",
    "RAZORPAY_KEY_SECRET",
    "RAZORPAY_WEBHOOK_SECRET",
  ]) {
    const value = env[key];
    if (value) out[key] = value;
  }
  const keys: Record<ServiceName, string> = {
    mongodb: "MONGODB_URI",
    redis: "REDIS_URL",
    sqs: "SQS_ENDPOINT",
    ses: "SES_ENDPOINT",
    s3: "S3_ENDPOINT",
    razorpay: "RAZORPAY_API_URL",
  };
  const local = Object.keys(localUrls) as ServiceName[];
  for (const name of local) out[keys[name]] = localUrls[name] ?? "";
  if (local.includes("sqs")) {
    out.SQS_ORDERS_QUEUE = ORDERS_QUEUE;
    out.SQS_ORDERS_DLQ = ORDERS_DLQ;
  }
  if (local.includes("s3")) {
    out.S3_BUCKET = MEDIA_BUCKET;
    out.S3_REGION = LOCAL_AWS.AWS_REGION;
  }
  const razorpay = localUrls.razorpay;
  if (razorpay) {
    out.RAZORPAY_CHECKOUT_URL = `${razorpay}/v1/checkout.js`;
    out.RAZORPAY_KEY_ID = LOCAL_RAZORPAY_ACCOUNT.keyId;
    out.RAZORPAY_KEY_SECRET = LOCAL_RAZORPAY_ACCOUNT.keySecret;
    out.RAZORPAY_WEBHOOK_SECRET = LOCAL_RAZORPAY_ACCOUNT.webhookSecret;
  }
  if (local.includes("sqs") || local.includes("ses") || local.includes("s3")) {
    for (const [key, value] of Object.entries(LOCAL_AWS)) out[key] = env[key] || value;
  }
  return out;
}

/** A URL with any password replaced by `***`, for printing. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, "//$1:***@");
}
