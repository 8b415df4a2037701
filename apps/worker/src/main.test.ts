/**
 * The worker as a process (`src/main.ts`, spawned as a child against the test stack): its health
 * server, and what SIGTERM does to an event being handled.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { connectDb, disconnectDb, Order } from "@tabletap/db";
import { createSqsClient, ensureQueue, pingQueue } from "@tabletap/queue";
import { createRedis } from "@tabletap/redis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env";
import { startHealthServer } from "./health";
import { placedOrder, publishPlacedEvent } from "./testing";

const env = loadWorkerEnv(process.env);
const sqs = createSqsClient(env);
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(() => connectDb(env.MONGODB_URI));
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(async () => {
  sqs.destroy();
  await disconnectDb();
});

/** A fresh orders queue (visibility timeout 2 s) and its dead-letter queue. */
async function freshQueue(): Promise<{ name: string; url: string }> {
  const name = `orders-proc-${randomBytes(4).toString("hex")}`;
  const url = await ensureQueue(sqs, name, {
    deadLetterQueueName: `${name}-dlq`,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 2,
  });
  return { name, url };
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A stand-in path to the local SES that holds every request until `release()`, then forwards it
 * to SES and relays the answer: an email send that takes as long as the test wants.
 */
async function stallingSes(target: string) {
  const held: { req: IncomingMessage; body: Buffer; res: ServerResponse }[] = [];
  let released = false;
  const forward = ({ req, body, res }: (typeof held)[number]) => {
    const upstream = request(
      new URL(req.url ?? "/", target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const call = { req, body: Buffer.concat(chunks), res };
      if (released) forward(call);
      else held.push(call);
    });
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held.length,
    release() {
      released = true;
      for (const call of held.splice(0)) forward(call);
    },
  };
}

/** `node src/main.ts` with the test stack's environment and `overrides`; its JSON log lines are collected. */
function spawnWorker(overrides: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", WORKER_RECEIVE_WAIT_SECONDS: "1", ...overrides },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: { msg?: string }[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      logs.push(JSON.parse(line) as { msg?: string });
    } catch {
      logs.push({ msg: line });
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  return {
    child,
    exited,
    logged: (msg: string) => logs.some((line) => line.msg === msg),
  };
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: await res.json() };
}

const queueDepth = async (queueUrl: string) => {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
};

/** Subjects of the emails SES accepted for `to`. */
async function emailsTo(to: string): Promise<string[]> {
  const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as {
    emails: { subject?: string; destination?: { to?: string[] } }[];
  };
  return store.emails.filter((e) => e.destination?.to?.includes(to)).map((e) => e.subject ?? "");
}

describe("the worker process", () => {
  it("serves /health and /ready on WORKER_HEALTH_PORT, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const queue = await freshQueue();
    const worker = spawnWorker({ WORKER_HEALTH_PORT: String(port), SQS_ORDERS_QUEUE: queue.name });
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(() => getJson(`${base}/health`).catch(() => null), { message: "the health server answers" })
      .toEqual({ status: 200, body: { status: "ok" } });
    expect(await getJson(`${base}/ready`)).toEqual({
      status: 200,
      body: { status: "ready", checks: { mongodb: "ok", redis: "ok", sqs: "ok" } },
    });
    expect((await getJson(`${base}/nope`)).status).toBe(404);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.logged("worker stopped")).toBe(true);
  });

  it("on SIGTERM finishes the event being handled, acknowledges it and exits 0", async () => {
    const port = await freePort();
    const queue = await freshQueue();
    const ses = await stallingSes(env.SES_ENDPOINT!);
    const worker = spawnWorker({
      WORKER_HEALTH_PORT: String(port),
      SQS_ORDERS_QUEUE: queue.name,
      SES_ENDPOINT: ses.url,
      WORKER_SHUTDOWN_TIMEOUT_MS: "30000",
    });
    await expect.poll(() => worker.logged("worker started"), { message: "the worker starts" }).toBe(true);
    const email = `guest-${randomUUID()}@example.com`;
    const { order } = await placedOrder({ email, emailVerified: true });
    await publishPlacedEvent(sqs, queue.url, order);
    // The order is accepted and its confirmation email is on its way (held by the stalling SES).
    await expect.poll(() => ses.held(), { message: "the worker is sending the email" }).toBe(1);

    worker.child.kill("SIGTERM");
    await expect.poll(() => worker.logged("worker stopping"), { message: "the worker is stopping" }).toBe(true);
    await expect
      .poll(() => getJson(`http://127.0.0.1:${port}/ready`), { message: "not ready while stopping" })
      .toEqual({ status: 503, body: { status: "stopping" } });
    expect(worker.child.exitCode).toBeNull();

    ses.release();
    expect(await worker.exited).toBe(0);
    expect((await Order.findById(order.id).lean())?.status).toBe("accepted");
    expect(await emailsTo(email)).toEqual([expect.stringMatching(/#007/)]);
    expect(await queueDepth(queue.url)).toBe(0);
  });

  it("on SIGTERM gives up after WORKER_SHUTDOWN_TIMEOUT_MS, exits 0, and SQS redelivers the unfinished event", async () => {
    const queue = await freshQueue();
    const ses = await stallingSes(env.SES_ENDPOINT!);
    const worker = spawnWorker({
      WORKER_HEALTH_PORT: "0",
      SQS_ORDERS_QUEUE: queue.name,
      SES_ENDPOINT: ses.url,
      WORKER_SHUTDOWN_TIMEOUT_MS: "1000",
    });
    await expect.poll(() => worker.logged("worker started"), { message: "the worker starts" }).toBe(true);
    const { order } = await placedOrder({ email: `guest-${randomUUID()}@example.com`, emailVerified: true });
    await publishPlacedEvent(sqs, queue.url, order);
    await expect.poll(() => ses.held(), { message: "the worker is sending the email" }).toBe(1);

    const stopping = Date.now();
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(worker.logged("worker stopped")).toBe(true);

    // Not acknowledged: after its visibility timeout (2 s) SQS hands the event out again.
    const redelivered = async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 1 }));
      const body = out.Messages?.[0]?.Body;
      return body ? (JSON.parse(body) as { orderId: string }).orderId : null;
    };
    await expect.poll(redelivered, { message: "the event is redelivered" }).toBe(order.id);
  });
});

describe("the health server", () => {
  it("answers /ready 503 naming the dependencies that failed or took too long", async () => {
    const log = pino({ level: "silent" });
    const closedPort = await freePort();
    const deadRedis = createRedis(`redis://127.0.0.1:${closedPort}`, { lazyConnect: true });
    deadRedis.on("error", () => undefined); // refused connections are the point
    const deadSqs = createSqsClient({ ...env, SQS_ENDPOINT: `http://127.0.0.1:${closedPort}` });
    const health = await startHealthServer({
      host: "127.0.0.1",
      port: 0,
      log,
      stopping: () => false,
      checks: {
        redis: () => deadRedis.ping(),
        sqs: () => pingQueue(deadSqs, `http://127.0.0.1:${closedPort}/000000000000/orders`),
        mongodb: () => new Promise(() => undefined), // never answers
      },
    });
    cleanups.push(
      () => health.close(),
      () => Promise.resolve(deadRedis.disconnect()),
      () => Promise.resolve(deadSqs.destroy()),
    );
    expect(await getJson(`${health.url}/ready`)).toEqual({
      status: 503,
      body: {
        status: "unavailable",
        failed: ["redis", "sqs", "mongodb"],
        checks: { redis: "failed", sqs: "failed", mongodb: "failed" },
      },
    });
    expect(await getJson(`${health.url}/health`)).toEqual({ status: 200, body: { status: "ok" } });
  });
});
