/**
 * Integration test of the local stack with the production clients: runs against the services
 * named in the environment (started by vitest-setup when absent), only when they are local.
 */
import { randomUUID } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { LOCAL_RAZORPAY_ACCOUNT, createPaymentGateway, paymentsEnv } from "@tabletap/payments";
import { createLocalAccount, payLocalOrder, startWebhookReceiver } from "@tabletap/razorpay-local";
import { Redis } from "ioredis";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { isolateSuite } from "./isolate";
import { MEDIA_BUCKET, ORDERS_QUEUE } from "./profiles";

const env = process.env;
const isLocal = (url = "") => /\/\/(127\.0\.0\.1|localhost)[:/]/.test(url);
const aws = {
  region: env.AWS_REGION ?? "ap-south-1",
  credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? "local", secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "local" },
};
const run = randomUUID().slice(0, 8);

describe.skipIf(!isLocal(env.MONGODB_URI))("mongodb (mongo-java-server or FerretDB)", () => {
  it("reports MongoDB 6 or later and stores documents", async () => {
    const client = await new MongoClient(env.MONGODB_URI ?? "").connect();
    try {
      const info = await client.db().admin().command({ buildInfo: 1 });
      expect(Number(String(info.version).split(".")[0])).toBeGreaterThanOrEqual(6);
      const col = client.db().collection(`stack_check_${run}`);
      await col.insertOne({ run, n: 1 });
      expect(await col.findOne({ run })).toMatchObject({ run, n: 1 });
      await col.drop();
    } finally {
      await client.close();
    }
  });
});

// FerretDB v1 applies concurrent updates of one document as read-modify-write: not checked there.
describe.skipIf(!isLocal(env.MONGODB_URI) || env.LOCAL_MONGODB === "ferretdb")("mongodb (mongo-java-server)", () => {
  it("applies concurrent $inc and conditional updates of one document atomically", async () => {
    const client = await new MongoClient(env.MONGODB_URI ?? "").connect();
    try {
      const col = client.db().collection<{ _id: string; n: number; status: string }>(`stack_atomic_${run}`);
      await col.insertOne({ _id: "doc", n: 0, status: "placed" });
      await Promise.all(Array.from({ length: 50 }, () => col.updateOne({ _id: "doc" }, { $inc: { n: 1 } })));
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          col.findOneAndUpdate({ _id: "doc", status: "placed" }, { $set: { status: `accepted-${i}` } }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await col.findOne({ _id: "doc" })).toMatchObject({ n: 50, status: expect.stringMatching(/^accepted-/) });
      await col.drop();
    } finally {
      await client.close();
    }
  });
});

describe.skipIf(!isLocal(env.REDIS_URL))("redis", () => {
  it("sets and gets", async () => {
    const client = new Redis(env.REDIS_URL ?? "");
    try {
      await client.set(`stack:check:${run}`, "ok", "EX", 60);
      expect(await client.get(`stack:check:${run}`)).toBe("ok");
    } finally {
      client.disconnect();
    }
  });
});

describe.skipIf(!isLocal(env.SQS_ENDPOINT))("sqs (ElasticMQ)", () => {
  const sqs = new SQSClient({ endpoint: env.SQS_ENDPOINT, ...aws });
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
    sqs.destroy();
  });

  it("has the orders queue with a 30 s visibility timeout and dead letters after 5 receives", async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: ORDERS_QUEUE }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(Attributes?.VisibilityTimeout).toBe("30");
    const redrive = JSON.parse(Attributes?.RedrivePolicy ?? "{}") as {
      deadLetterTargetArn?: string;
      maxReceiveCount?: number | string;
    };
    expect(redrive.deadLetterTargetArn).toMatch(/:orders-dlq$/);
    expect(Number(redrive.maxReceiveCount)).toBe(5);
  });

  it("moves a message that failed 5 receives to the dead-letter queue", async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `check-${run}-dlq` }))).QueueUrl ?? "";
    created.push(dlq);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }),
    );
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 5 });
    const queue =
      (
        await sqs.send(
          new CreateQueueCommand({ QueueName: `check-${run}`, Attributes: { VisibilityTimeout: "1", RedrivePolicy } }),
        )
      ).QueueUrl ?? "";
    created.push(queue);

    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: "poison" }));
    for (let receive = 1; receive <= 5; receive++) {
      const got = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue, VisibilityTimeout: 0, WaitTimeSeconds: 1 }),
      );
      expect(got.Messages?.[0]?.Body).toBe("poison"); // received and not deleted: a failure
    }
    const sixth = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 1 }));
    expect(sixth.Messages ?? []).toHaveLength(0);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 2 }));
    expect(dead.Messages?.[0]?.Body).toBe("poison");
  });
});

describe.skipIf(!isLocal(env.MONGODB_URI) || !isLocal(env.SQS_ENDPOINT))("isolateSuite", () => {
  it("gives each suite a database and orders queues of its own, and removes them again", async () => {
    const [a, b] = await Promise.all([isolateSuite(env, "a"), isolateSuite(env, "b")]);
    expect(a.env.MONGODB_URI).not.toBe(b.env.MONGODB_URI);
    expect(a.env.MONGODB_URI).toMatch(/_a_[0-9a-f]{8}$/);
    expect(a.env.SQS_ORDERS_QUEUE).not.toBe(b.env.SQS_ORDERS_QUEUE);
    const sqs = new SQSClient({ endpoint: env.SQS_ENDPOINT, ...aws });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: a.env.SQS_ORDERS_QUEUE }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(Attributes?.VisibilityTimeout).toBe("30");
    const redrive = JSON.parse(Attributes?.RedrivePolicy ?? "{}") as { deadLetterTargetArn?: string };
    expect(redrive.deadLetterTargetArn).toMatch(new RegExp(`:${a.env.SQS_ORDERS_DLQ}$`));

    const client = await new MongoClient(a.env.MONGODB_URI ?? "").connect();
    await client.db().collection("check").insertOne({ run });
    await Promise.all([a.cleanup(), b.cleanup()]);
    const databases = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    await client.close();
    expect(databases).not.toContain(new URL(a.env.MONGODB_URI ?? "").pathname.slice(1));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: a.env.SQS_ORDERS_QUEUE }))).rejects.toThrow();
    sqs.destroy();
  });
});

describe.skipIf(!isLocal(env.SES_ENDPOINT))("ses (aws-ses-v2-local)", () => {
  it("accepts SendEmail and shows the mail in its store", async () => {
    const ses = new SESClient({ endpoint: env.SES_ENDPOINT, ...aws });
    const subject = `Stack check ${run}`;
    await ses.send(
      new SendEmailCommand({
        Source: "orders@tabletap.local",
        Destination: { ToAddresses: ["guest@example.com"] },
        Message: { Subject: { Data: subject }, Body: { Text: { Data: "Your order is confirmed." } } },
      }),
    );
    ses.destroy();
    const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as { emails: { subject: string }[] };
    expect(store.emails.map((e) => e.subject)).toContain(subject);
  });
});

describe.skipIf(!isLocal(env.S3_ENDPOINT))("s3 (versitygw)", () => {
  it("has the photos bucket and keeps an object with its content type and cache control", async () => {
    expect(env.S3_BUCKET).toBe(MEDIA_BUCKET);
    const s3 = new S3Client({ endpoint: env.S3_ENDPOINT, forcePathStyle: true, ...aws });
    const Key = `stack-check/${run}.txt`;
    await s3.send(
      new PutObjectCommand({
        Bucket: MEDIA_BUCKET,
        Key,
        Body: "photo",
        ContentType: "text/plain",
        CacheControl: "public, max-age=60",
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: MEDIA_BUCKET, Key }));
    expect(await got.Body?.transformToString()).toBe("photo");
    expect(got.ContentType).toBe("text/plain");
    expect(got.CacheControl).toBe("public, max-age=60");
    s3.destroy();
  });
});

describe.skipIf(!isLocal(env.RAZORPAY_API_URL))("razorpay (tooling/razorpay-local)", () => {
  const pay = (orderId: string) => payLocalOrder(env.RAZORPAY_API_URL ?? "", orderId, { card: "4111111111111111" });

  it("answers the SDK with the keys the stack exported, and serves Checkout", async () => {
    const gateway = createPaymentGateway(paymentsEnv());
    const order = await gateway.createOrder({ amount: 10_000, currency: "INR", receipt: run, notes: {} });
    expect(order).toMatchObject({ amount: 10_000, status: "created" });
    const script = await fetch(env.RAZORPAY_CHECKOUT_URL ?? "");
    expect(await script.text()).toContain("window.Razorpay");
  });

  it("gives this suite a Razorpay account of its own, and a test file one of its own", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const apiUrl = env.RAZORPAY_API_URL ?? "";
      const gateway = createPaymentGateway(paymentsEnv());
      // The suite's account (isolateSuite) has no webhook URL until a test sets one.
      expect(gateway.keyId).not.toBe(LOCAL_RAZORPAY_ACCOUNT.keyId);
      const patched = await fetch(`${apiUrl}/_local/accounts/${gateway.keyId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ webhookUrl: receiver.url }),
      });
      expect(patched.status).toBe(200);
      const order = await gateway.createOrder({ amount: 20_000, currency: "INR", receipt: run, notes: {} });
      await pay(order.id);
      const [hook] = receiver.received;
      expect(gateway.verifyWebhook(hook!.body, String(hook!.headers["x-razorpay-signature"]))).toBe(true);

      const account = await createLocalAccount(apiUrl, receiver.url);
      const own = createPaymentGateway(
        paymentsEnv({
          ...env,
          RAZORPAY_KEY_ID: account.keyId,
          RAZORPAY_KEY_SECRET: account.keySecret,
          RAZORPAY_WEBHOOK_SECRET: account.webhookSecret,
        }),
      );
      const ownOrder = await own.createOrder({ amount: 30_000, currency: "INR", receipt: run, notes: {} });
      await pay(ownOrder.id);
      const ownHook = receiver.received.find((r) => r.body.includes(ownOrder.id));
      expect(own.verifyWebhook(ownHook!.body, String(ownHook!.headers["x-razorpay-signature"]))).toBe(true);
      expect(gateway.verifyWebhook(ownHook!.body, String(ownHook!.headers["x-razorpay-signature"]))).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});
