/**
 * Stopping and starting one service of a running stack (`stopService` / `startService`), as the
 * fault suite (tooling/faults) does: each test starts a stack of its own (profile test), so it
 * can stop services without disturbing the stack the other tests use.
 */
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Redis } from "ioredis";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { startStack, type RunningStack } from "./index";
import { LOCAL_AWS, ORDERS_QUEUE } from "./profiles";
import { portOpen } from "./wait";

/** The environment without any service URL, so the stack starts every service but those in `external`. */
function envStarting(external: Record<string, string> = {}): NodeJS.ProcessEnv {
  const unset = { MONGODB_URI: "", REDIS_URL: "", SQS_ENDPOINT: "", SES_ENDPOINT: "", AWS_REGION: "" };
  return { ...process.env, ...unset, ...external };
}

/** The port a service URL names. */
const portOf = (url: string | undefined) => Number(new URL(url ?? "").port);

async function redisGet(url: string | undefined, key: string): Promise<string | null> {
  const client = new Redis(url ?? "", { maxRetriesPerRequest: 1 });
  try {
    return await client.get(key);
  } finally {
    client.disconnect();
  }
}

const stacks: RunningStack[] = [];
afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.stop()));
});

describe("a durable stack", () => {
  it("keeps MongoDB documents, Redis keys and queued SQS messages across a restart, on the same port", async () => {
    const stack = await startStack({
      profile: "test",
      env: envStarting({ SES_ENDPOINT: "http://127.0.0.1:9" }),
      durable: true,
      handleSignals: false,
    });
    stacks.push(stack);
    const { env } = stack;
    const sqs = () =>
      new SQSClient({
        endpoint: env.SQS_ENDPOINT,
        region: LOCAL_AWS.AWS_REGION,
        credentials: { accessKeyId: LOCAL_AWS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS.AWS_SECRET_ACCESS_KEY },
      });

    const mongo = await new MongoClient(env.MONGODB_URI ?? "").connect();
    await mongo
      .db()
      .collection("kept")
      .insertOne({ _id: "order-1" as never, total: 42_000 });
    await mongo.close();
    const redis = new Redis(env.REDIS_URL ?? "");
    await redis.set("kept", "acknowledged");
    redis.disconnect();
    const sender = sqs();
    const { QueueUrl } = await sender.send(new GetQueueUrlCommand({ QueueName: ORDERS_QUEUE }));
    await sender.send(new SendMessageCommand({ QueueUrl, MessageBody: "order.placed 1" }));
    sender.destroy();

    // A clean stop for MongoDB, a crash (kill -9) for Redis and ElasticMQ.
    await Promise.all([
      stack.stopService("mongodb"),
      stack.stopService("redis", { signal: "SIGKILL" }),
      stack.stopService("sqs", { signal: "SIGKILL" }),
    ]);
    for (const url of [env.MONGODB_URI, env.REDIS_URL, env.SQS_ENDPOINT])
      expect(await portOpen("127.0.0.1", portOf(url)), `${url} is down`).toBe(false);

    await Promise.all([stack.startService("mongodb"), stack.startService("redis"), stack.startService("sqs")]);
    const again = await new MongoClient(env.MONGODB_URI ?? "").connect();
    expect(
      await again
        .db()
        .collection("kept")
        .findOne({ _id: "order-1" as never }),
    ).toMatchObject({ total: 42_000 });
    await again.close();
    expect(await redisGet(env.REDIS_URL, "kept")).toBe("acknowledged");
    const receiver = sqs();
    const received = await receiver.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    receiver.destroy();
    expect(received.Messages?.map((m) => m.Body)).toEqual(["order.placed 1"]);
  });

  it("stops and starts only the services it started", async () => {
    const stack = stacks[0];
    if (!stack) throw new Error("the first test starts the stack");
    await expect(stack.stopService("ses")).rejects.toThrow(/ses was not started by this stack/);
    await expect(stack.startService("ses")).rejects.toThrow(/ses was not started by this stack/);
    // Stopping a stopped service and starting a running one change nothing.
    await stack.stopService("redis");
    await stack.stopService("redis");
    await stack.startService("redis");
    await stack.startService("redis");
    expect(await redisGet(stack.env.REDIS_URL, "kept")).toBe("acknowledged");
  });
});

describe("a stack that is not durable", () => {
  it("keeps Redis in memory only: a restart loses its keys", async () => {
    const stack = await startStack({
      profile: "test",
      env: envStarting({
        MONGODB_URI: "mongodb://127.0.0.1:9/x",
        SQS_ENDPOINT: "http://127.0.0.1:9",
        SES_ENDPOINT: "http://127.0.0.1:9",
      }),
      handleSignals: false,
    });
    stacks.push(stack);
    const redis = new Redis(stack.env.REDIS_URL ?? "");
    await redis.set("kept", "acknowledged");
    redis.disconnect();
    await stack.stopService("redis");
    await stack.startService("redis");
    expect(await redisGet(stack.env.REDIS_URL, "kept")).toBeNull();
  });
});
