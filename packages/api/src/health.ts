import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import mongoose from "mongoose";
import { getServices, type Services } from "./services";

/** The services a process needs to serve orders, as named in readiness answers. */
export type Dependency = "mongodb" | "redis" | "sqs";

/** The answer of `checkReadiness`: `ready` when every dependency answered in time. */
export interface Readiness {
  ready: boolean;
  checks: Record<Dependency, "ok" | "failed">;
}

/** How long each dependency has to answer a readiness check, milliseconds (a probe's own timeout should be longer). */
const READINESS_TIMEOUT_MS = 2_000;

/** Resolves like `promise`, or rejects once `signal` aborts (the check's timeout). */
function bounded<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** One cheap request per dependency, each given `signal` (its timeout). */
function probes(services: Services, signal: AbortSignal): Record<Dependency, () => Promise<unknown>> {
  const queue = services.env.SQS_ORDERS_QUEUE;
  return {
    // `ping` answers without touching data (MongoDB manual, "ping" command).
    mongodb: async () => {
      await bounded(services.connectDb(), signal);
      const db = mongoose.connection.db;
      if (!db) throw new Error("MongoDB is not connected");
      return bounded(db.admin().ping(), signal);
    },
    redis: () => bounded(services.redis.ping(), signal),
    // The orders queue must exist, not just the endpoint answer. `SQS_ORDERS_QUEUE` may be a URL.
    sqs: () =>
      /^https?:\/\//.test(queue)
        ? services.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ["QueueArn"] }), {
            abortSignal: signal,
          })
        : services.sqs.send(new GetQueueUrlCommand({ QueueName: queue }), { abortSignal: signal }),
  };
}

/**
 * Whether this process can serve requests that need its dependencies, for a readiness probe:
 * MongoDB answers `ping` (connecting first if needed), Redis answers `PING`, and SQS answers
 * `GetQueueUrl` for the orders queue (`SQS_ORDERS_QUEUE`; `GetQueueAttributes` when it is a
 * URL), all at once, each within `timeoutMs` (default 2 s). Never throws: a dependency that
 * errs or runs out of time is `failed`, and the reasons are logged (at `warn`), never returned,
 * as readiness answers are public.
 */
export async function checkReadiness(services: Services, opts: { timeoutMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = opts.timeoutMs ?? READINESS_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const entries = Object.entries(probes(services, signal)) as [Dependency, () => Promise<unknown>][];
  const results = await Promise.allSettled(entries.map(([, probe]) => probe()));
  const checks = {} as Readiness["checks"];
  const errors: Partial<Record<Dependency, string>> = {};
  entries.forEach(([name], i) => {
    const result = results[i];
    checks[name] = result?.status === "fulfilled" ? "ok" : "failed";
    if (result?.status === "rejected") {
      errors[name] = signal.aborted ? `no answer within ${timeoutMs} ms` : String(result.reason);
    }
  });
  const ready = Object.values(checks).every((check) => check === "ok");
  if (!ready) services.log.warn({ checks, errors }, "not ready: a dependency did not answer");
  return { ready, checks };
}

const NO_STORE = { "cache-control": "no-store" };

/**
 * `GET /api/health`, liveness: `200 {"status":"ok"}` as long as the process serves HTTP. It calls
 * no dependency, so an outage of MongoDB, Redis or SQS never gets the process restarted.
 */
export function livenessRouteHandler(): Response {
  return Response.json({ status: "ok" }, { headers: NO_STORE });
}

/**
 * `GET /api/ready`, readiness (`checkReadiness`): `200 {"status":"ready","checks":{...}}`, or
 * `503 {"status":"unavailable","failed":["sqs"],"checks":{...}}` naming the dependencies that
 * failed, so a load balancer stops sending traffic until they are back.
 * @param opts.services the services to check (default: the process's `getServices()`; tests pass their own).
 */
export async function readinessRouteHandler(opts: { services?: () => Services } = {}): Promise<Response> {
  const { ready, checks } = await checkReadiness((opts.services ?? getServices)());
  if (ready) return Response.json({ status: "ready", checks }, { headers: NO_STORE });
  const failed = Object.entries(checks)
    .filter(([, check]) => check === "failed")
    .map(([name]) => name);
  return Response.json({ status: "unavailable", failed, checks }, { status: 503, headers: NO_STORE });
}
