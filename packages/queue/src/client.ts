import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import type { SQSClientConfig } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { QueueEnv } from "./env";

type SqsEnv = Pick<QueueEnv, "AWS_REGION" | "SQS_ENDPOINT" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY">;

/** Request timeout of every SQS call but ReceiveMessage, milliseconds. */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * Request timeout of ReceiveMessage, milliseconds: longer than the longest long poll SQS allows
 * (WaitTimeSeconds 20), so that an empty long poll is not taken for a stalled request.
 */
const RECEIVE_TIMEOUT_MS = 20_000 + REQUEST_TIMEOUT_MS;

type HandleArgs = Parameters<NodeHttpHandler["handle"]>;

/**
 * The SDK's Node HTTP handler with a per-operation request timeout: ReceiveMessage (which long
 * polls) gets `RECEIVE_TIMEOUT_MS` unless the caller passes its own, every other call the
 * handler's default. SQS speaks AWS JSON 1.0, so the operation is the `x-amz-target` header.
 */
class SqsRequestHandler extends NodeHttpHandler {
  override handle(request: HandleArgs[0], options: HandleArgs[1] = {}): ReturnType<NodeHttpHandler["handle"]> {
    const receiving = request.headers["x-amz-target"] === "AmazonSQS.ReceiveMessage";
    return super.handle(request, receiving ? { requestTimeout: RECEIVE_TIMEOUT_MS, ...options } : options);
  }
}

/**
 * Creates the SQS client: connect timeout 2 s; request timeout 5 s, except ReceiveMessage's
 * `RECEIVE_TIMEOUT_MS` (25 s, above the 20 s maximum long poll); a request past its timeout
 * fails with a TimeoutError. With `SQS_ENDPOINT` (ElasticMQ) every request goes to that
 * endpoint, whatever host the queue URLs name, with placeholder credentials unless explicit
 * ones are set. Without it: real SQS in `AWS_REGION`, credentials from the env values when both
 * are set, else from the SDK's default chain.
 */
export function createSqsClient(env: SqsEnv): SQSClient {
  // Bounded waits: an unreachable or stalled queue must fail fast (the outbox relay retries), never hang a request.
  const config: SQSClientConfig = {
    region: env.AWS_REGION,
    requestHandler: new SqsRequestHandler({
      connectionTimeout: 2_000,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    }),
  };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  }
  if (env.SQS_ENDPOINT) {
    config.endpoint = env.SQS_ENDPOINT;
    config.useQueueUrlAsEndpoint = false;
    config.credentials ??= { accessKeyId: "local", secretAccessKey: "local" };
  }
  return new SQSClient(config);
}

/**
 * Resolves when queue `queueUrl` answers a GetQueueAttributes call (a readiness check: SQS
 * reachable, the credentials accepted, the queue there); rejects with the SDK's error,
 * within the client's 5 s request timeout.
 */
export async function pingQueue(client: SQSClient, queueUrl: string): Promise<void> {
  await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
}

const urlCache = new WeakMap<SQSClient, Map<string, Promise<string>>>();

/** The queue-URL cache of `client` (queue name → pending or resolved URL), created on first use. */
function urlCacheOf(client: SQSClient): Map<string, Promise<string>> {
  let cache = urlCache.get(client);
  if (!cache) urlCache.set(client, (cache = new Map<string, Promise<string>>()));
  return cache;
}

/**
 * The URL of queue `name` (GetQueueUrl), cached per client for the life of the process. A full
 * URL ("https://...") is returned as is. Rejects with `QueueDoesNotExist` when there is no such
 * queue (failures are not cached).
 */
export function resolveQueueUrl(client: SQSClient, name: string): Promise<string> {
  if (/^https?:\/\//.test(name)) return Promise.resolve(name);
  const cache = urlCacheOf(client);
  const cached = cache.get(name);
  if (cached) return cached;
  const lookup = client.send(new GetQueueUrlCommand({ QueueName: name })).then((out) => {
    if (!out.QueueUrl) throw new Error(`GetQueueUrl returned no URL for queue "${name}"`);
    return out.QueueUrl;
  });
  cache.set(name, lookup);
  lookup.catch(() => cache.delete(name));
  return lookup;
}

export interface EnsureQueueOptions {
  /** Dead-letter queue to create (if missing) and redrive to. */
  deadLetterQueueName?: string;
  /** Receives before a message moves to the dead-letter queue. Default 5. */
  maxReceiveCount?: number;
  /** How long a received message stays hidden from other consumers, seconds. Default 30. */
  visibilityTimeoutSeconds?: number;
}

/**
 * Creates queue `name` if it does not exist (and, with `deadLetterQueueName`, its dead-letter
 * queue plus a RedrivePolicy after `maxReceiveCount` receives), or updates the attributes of the
 * existing one. Names ending in ".fifo" become FIFO queues. Idempotent; for tests and for
 * setting up a fresh AWS account. Resolves to the queue URL.
 */
export async function ensureQueue(client: SQSClient, name: string, opts: EnsureQueueOptions = {}): Promise<string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(opts.visibilityTimeoutSeconds ?? 30),
  };
  if (opts.deadLetterQueueName) {
    const dlqUrl = await createOrUpdate(client, opts.deadLetterQueueName, {});
    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }));
    const arn = out.Attributes?.QueueArn;
    if (!arn) throw new Error(`Could not read the ARN of dead-letter queue "${opts.deadLetterQueueName}"`);
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: arn,
      maxReceiveCount: String(opts.maxReceiveCount ?? 5),
    });
  }
  return createOrUpdate(client, name, attributes);
}

async function createOrUpdate(client: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  const all = name.endsWith(".fifo") ? { FifoQueue: "true", ...attributes } : attributes;
  let url: string;
  try {
    const out = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: all }));
    if (!out.QueueUrl) throw new Error(`CreateQueue returned no URL for queue "${name}"`);
    url = out.QueueUrl;
  } catch (err) {
    // SQS refuses CreateQueue for an existing queue whose attributes differ: update them instead.
    if ((err as { name?: string }).name !== "QueueNameExists") throw err;
    url = await resolveQueueUrl(client, name);
    if (Object.keys(attributes).length) {
      await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
    }
  }
  urlCacheOf(client).set(name, Promise.resolve(url));
  return url;
}

/**
 * Creates (or updates) the order-events queue and its dead-letter queue from the environment:
 * `SQS_ORDERS_QUEUE` with a 30 s visibility timeout, redriving to `SQS_ORDERS_DLQ` after 5
 * receives. For a fresh AWS account or a worker that provisions at start. Resolves to both URLs.
 */
export async function ensureOrderQueues(
  client: SQSClient,
  env: Pick<QueueEnv, "SQS_ORDERS_QUEUE" | "SQS_ORDERS_DLQ">,
): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
  const queueUrl = await ensureQueue(client, env.SQS_ORDERS_QUEUE, {
    deadLetterQueueName: env.SQS_ORDERS_DLQ,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 30,
  });
  return { queueUrl, deadLetterQueueUrl: await resolveQueueUrl(client, env.SQS_ORDERS_DLQ) };
}
