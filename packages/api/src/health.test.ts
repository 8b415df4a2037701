import { createRedis } from "@tabletap/redis";
import { describe, expect, it } from "vitest";
import { checkReadiness, livenessRouteHandler, readinessRouteHandler } from "./health";
import type { Services } from "./services";
import { testServices } from "./testing";

/** Nothing listens on port 9 (discard) of this machine: connections to it are refused. */
const UNREACHABLE = "127.0.0.1:9";

describe("checkReadiness", () => {
  it("is ready when MongoDB, Redis and SQS answer", async () => {
    expect(await checkReadiness(testServices())).toEqual({
      ready: true,
      checks: { mongodb: "ok", redis: "ok", sqs: "ok" },
    });
  });

  it("names SQS when its endpoint is unreachable", async () => {
    expect(await checkReadiness(testServices({ SQS_ENDPOINT: `http://${UNREACHABLE}` }))).toEqual({
      ready: false,
      checks: { mongodb: "ok", redis: "ok", sqs: "failed" },
    });
  });

  it("names SQS when the orders queue does not exist", async () => {
    const readiness = await checkReadiness(testServices({ SQS_ORDERS_QUEUE: `missing-${Date.now()}` }));
    expect(readiness.checks.sqs).toBe("failed");
  });

  it("names Redis when it is unreachable", async () => {
    // Not `testServices({ REDIS_URL })`: the API's Redis client is one per process (see
    // `processWide` in services.ts), and a cache on an unreachable Redis fails in the background.
    const redis = createRedis(`redis://${UNREACHABLE}`);
    redis.on("error", () => undefined);
    try {
      expect(await checkReadiness({ ...testServices(), redis })).toEqual({
        ready: false,
        checks: { mongodb: "ok", redis: "failed", sqs: "ok" },
      });
    } finally {
      redis.disconnect();
    }
  });

  it("answers within its timeout when a dependency hangs", async () => {
    const base = testServices();
    const hanging: Services = { ...base, connectDb: () => new Promise(() => undefined) };
    const started = Date.now();
    expect(await checkReadiness(hanging, { timeoutMs: 200 })).toEqual({
      ready: false,
      checks: { mongodb: "failed", redis: "ok", sqs: "ok" },
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("the health route handlers", () => {
  it("/api/health answers 200 without calling any dependency", async () => {
    const res = livenessRouteHandler();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/api/ready answers 200 when ready and 503 naming what failed otherwise", async () => {
    const ready = await readinessRouteHandler({ services: () => testServices() });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { mongodb: "ok", redis: "ok", sqs: "ok" } });

    const down = await readinessRouteHandler({
      services: () => testServices({ SQS_ENDPOINT: `http://${UNREACHABLE}` }),
    });
    expect(down.status).toBe(503);
    expect(down.headers.get("cache-control")).toBe("no-store");
    expect(await down.json()).toEqual({
      status: "unavailable",
      failed: ["sqs"],
      checks: { mongodb: "ok", redis: "ok", sqs: "failed" },
    });
  });
});
