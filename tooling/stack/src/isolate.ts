import { randomBytes } from "node:crypto";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createLocalAccount } from "@tabletap/razorpay-local";
import { MongoClient } from "mongodb";
import { LOCAL_AWS, ORDERS_QUEUE_SETTINGS } from "./profiles";

/** One test suite's share of a local stack: the env to run it with, and what removes it again. */
export interface SuiteIsolation {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

const isLoopback = (url: string | undefined): url is string => {
  if (!url) return false;
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * Gives one test suite (a package's Vitest run) a database and orders queues of its own on the
 * local test stack that `env` names, so that no suite sees another's data: a worker's outbox
 * relay never republishes another suite's orders, and the end-to-end worker never drains events
 * that integration tests left on the queue.
 *
 * - MongoDB: `MONGODB_URI`'s database gets the suffix `_<suite>_<random>`; dropped by `cleanup`.
 * - SQS: `SQS_ORDERS_QUEUE` / `SQS_ORDERS_DLQ` become `orders-<random>` / `orders-<random>-dlq`,
 *   created with the stack queue's attributes (30 s visibility, dead-lettered after 5 receives);
 *   deleted by `cleanup`.
 * - Razorpay (the local driver): a merchant account of its own, `RAZORPAY_KEY_ID` /
 *   `RAZORPAY_KEY_SECRET` / `RAZORPAY_WEBHOOK_SECRET`, without a webhook URL (a test file that
 *   wants webhooks sets one, or makes an account of its own): so one suite's webhook URL never
 *   receives another's events. The driver keeps it in memory; nothing to clean up.
 *
 * Only services on loopback are touched; a suite pointed at a real service keeps its names.
 * @param suite a short name for the suite, used in the database name (e.g. "worker").
 */
export async function isolateSuite(env: NodeJS.ProcessEnv, suite: string): Promise<SuiteIsolation> {
  const id = randomBytes(4).toString("hex");
  const out: Record<string, string> = {};
  const cleanups: (() => Promise<unknown>)[] = [];

  if (isLoopback(env.MONGODB_URI)) {
    const uri = new URL(env.MONGODB_URI);
    const base = uri.pathname.replace(/^\//, "") || "test";
    uri.pathname = `/${base}_${suite.replace(/[^A-Za-z0-9]/g, "_")}_${id}`.slice(0, 64);
    out.MONGODB_URI = uri.toString();
    cleanups.push(async () => {
      const client = new MongoClient(out.MONGODB_URI!, { serverSelectionTimeoutMS: 5000 });
      try {
        await client.db().dropDatabase();
      } finally {
        await client.close();
      }
    });
  }

  if (isLoopback(env.SQS_ENDPOINT)) {
    const sqs = new SQSClient({
      endpoint: env.SQS_ENDPOINT,
      region: env.AWS_REGION ?? LOCAL_AWS.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? LOCAL_AWS.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? LOCAL_AWS.AWS_SECRET_ACCESS_KEY,
      },
    });
    const queue = `orders-${id}`;
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${queue}-dlq` }))).QueueUrl ?? "";
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }),
    );
    const RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: Attributes?.QueueArn,
      maxReceiveCount: ORDERS_QUEUE_SETTINGS.maxReceiveCount,
    });
    const queueUrl =
      (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: queue,
            Attributes: { VisibilityTimeout: String(ORDERS_QUEUE_SETTINGS.visibilityTimeoutSeconds), RedrivePolicy },
          }),
        )
      ).QueueUrl ?? "";
    out.SQS_ORDERS_QUEUE = queue;
    out.SQS_ORDERS_DLQ = `${queue}-dlq`;
    cleanups.push(async () => {
      try {
        await Promise.all([queueUrl, dlqUrl].map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
      } finally {
        sqs.destroy();
      }
    });
  }

  if (isLoopback(env.RAZORPAY_API_URL)) {
    const account = await createLocalAccount(env.RAZORPAY_API_URL, null);
    out.RAZORPAY_KEY_ID = account.keyId;
    out.RAZORPAY_KEY_SECRET = account.keySecret;
    out.RAZORPAY_WEBHOOK_SECRET = account.webhookSecret;
  }

  return {
    env: out,
    async cleanup() {
      await Promise.allSettled(cleanups.map((fn) => fn()));
    },
  };
}
