import pLimit from "p-limit";
import { Consumer } from "sqs-consumer";
import { ChangeMessageVisibilityBatchCommand, type Message, type SQSClient } from "@aws-sdk/client-sqs";
import { orderEventSchema } from "./events";
import type { OrderEvent } from "./events";

/** Structured logger; pino's logger fits (`log.error({ err, eventId }, "message")`). */
export interface QueueLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** About the SQS message that carried an event. */
export interface OrderEventMeta {
  messageId: string | undefined;
  /** How many times SQS has delivered this message, this delivery included (1 = first try). */
  receiveCount: number;
}

/**
 * The `err` logged for a message whose body is not an order event (the message is left
 * unacknowledged: retried, then dead-lettered).
 */
export class InvalidOrderEventError extends Error {
  override readonly name = "InvalidOrderEventError";
}

export interface OrderEventConsumerOptions {
  client: SQSClient;
  queueUrl: string;
  /**
   * Handles one event. Resolve to acknowledge (the message is deleted); throw to retry: the
   * message reappears after the visibility timeout and, after the queue's maxReceiveCount
   * receives, moves to the dead-letter queue. Must be idempotent: SQS delivers at least once,
   * and events (even two of one order, or of one FIFO message group) are handled concurrently.
   */
  handle: (event: OrderEvent, meta: OrderEventMeta) => Promise<void>;
  log: QueueLogger;
  /** Long-poll wait per receive, seconds (0-20). Default 20. */
  waitTimeSeconds?: number;
  /** Visibility timeout for received messages, seconds; default: the queue's own setting. */
  visibilityTimeout?: number;
  /** Most events handled at once, over all receives. Default 10. */
  concurrency?: number;
  /**
   * Receives (of up to 10 messages each) in flight at once; a receive polls again once all of
   * its batch is handled and acknowledged. Default: enough batches to fill `concurrency`, plus
   * one, so a batch's slowest message does not leave the other slots idle.
   */
  receives?: number;
}

/** A running (or startable) consumer of order events: see `createOrderEventConsumer`. */
export interface OrderEventConsumer {
  /** Starts receiving. Does nothing when already started. */
  start(): void;
  /**
   * Stops receiving: no receive starts any more. The long polls in flight run to their end (at
   * most `waitTimeSeconds`): cancelling one would not stop SQS from handing it messages, which
   * would then stay hidden for their visibility timeout; the messages they bring are released at
   * once (visibility 0) for another consumer. Events being handled finish and are acknowledged.
   * Resolves once all that is done (`drained: true`, within about a second of the last), or
   * after `timeoutMs` (default 30 s) with `drained: false`: the events still being handled then
   * stay unacknowledged, and SQS redelivers them after their visibility timeout. With
   * `abort: true` every SQS request in flight is cancelled at once, acknowledgements included.
   */
  stop(opts?: { abort?: boolean; timeoutMs?: number }): Promise<{ drained: boolean }>;
}

/** SQS's largest receive: MaxNumberOfMessages is at most 10. */
const MAX_BATCH = 10;
/** How long `stop()` waits by default for the last receives and the events being handled, milliseconds. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The wait before the next receive after `failures` consecutive failed receives (SQS
 * unreachable or failing), milliseconds: 1 s, doubling per failure, at most 10 s (exponential
 * backoff, as AWS recommends for retries). sqs-consumer itself pauses only after authentication
 * errors and polls again at once after any other, which made an SQS outage a busy loop of
 * about 60 failed receives a second, each logged.
 */
function receiveBackoffMs(failures: number): number {
  return Math.min(1_000 * 2 ** (failures - 1), 10_000);
}

function eventIdOf(body: unknown): string | undefined {
  if (body && typeof body === "object" && "id" in body && typeof body.id === "string") return body.id;
  return undefined;
}

/**
 * Parses one message into an order event and hands it to `handle`. Resolves to true when it was
 * handled (acknowledge it), false when the body is not an order event or `handle` threw (leave
 * it for redelivery, then the dead-letter queue); each failure is logged with the event id,
 * message id and receive count.
 */
async function handleMessage(opts: OrderEventConsumerOptions, message: Message): Promise<boolean> {
  const { log, handle } = opts;
  const meta: OrderEventMeta = {
    messageId: message.MessageId,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
  };
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? "");
  } catch {
    const err = new InvalidOrderEventError(`Message ${meta.messageId ?? "?"} body is not JSON`);
    log.error({ ...meta, err, eventId: undefined }, "order event: message body is not JSON");
    return false;
  }
  const parsed = orderEventSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    const err = new InvalidOrderEventError(
      `Message ${meta.messageId ?? "?"} is not an order event: ${issues.join("; ")}`,
    );
    log.error({ ...meta, err, eventId: eventIdOf(body), issues }, "order event: invalid message body");
    return false;
  }
  const event = parsed.data;
  try {
    await handle(event, meta);
    return true;
  } catch (err) {
    log.error(
      { ...meta, err, eventId: event.id, type: event.type, orderId: event.orderId },
      "order event: handler failed",
    );
    return false;
  }
}

/**
 * Creates (but does not start) a consumer of order events on `queueUrl`: `receives` sqs-consumer
 * `Consumer`s long-poll batches of up to 10 messages, waiting longer after each failed receive
 * (1 s, doubling, at most 10 s) while SQS is unreachable; every message body is parsed with
 * `orderEventSchema` and passed to `handle`, at most `concurrency` at once over all batches.
 * Acknowledgement is per message: the batch's handled messages are deleted (one
 * DeleteMessageBatch); a message whose handler threw, or whose body is not JSON or fails the
 * schema (`InvalidOrderEventError`, logged), stays in the queue, is redelivered after the
 * visibility timeout and, after maxReceiveCount receives, is dead-lettered. Failures are
 * logged with the event id, message id and receive count.
 * @throws RangeError when `concurrency` or `receives` is not a positive integer.
 */
export function createOrderEventConsumer(opts: OrderEventConsumerOptions): OrderEventConsumer {
  const { log } = opts;
  const concurrency = opts.concurrency ?? 10;
  const receives = opts.receives ?? Math.ceil(concurrency / MAX_BATCH) + 1;
  for (const [name, value] of Object.entries({ concurrency, receives })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  const waitTimeSeconds = opts.waitTimeSeconds ?? 20;
  const limit = pLimit(concurrency);
  let stopping = false;

  /** Makes messages received while stopping visible again at once, for another consumer; they are not handled here. */
  async function release(messages: Message[]): Promise<void> {
    try {
      await opts.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: opts.queueUrl,
          Entries: messages.map((message, i) => ({
            Id: String(i),
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          })),
        }),
      );
    } catch (err) {
      log.warn(
        { err, queueUrl: opts.queueUrl, messageIds: messages.map((m) => m.MessageId) },
        "order events: could not release messages received while stopping; SQS redelivers them after their visibility timeout",
      );
    }
  }

  const consumers = Array.from({ length: receives }, () => {
    const consumer = Consumer.create({
      sqs: opts.client,
      queueUrl: opts.queueUrl,
      batchSize: MAX_BATCH,
      waitTimeSeconds,
      ...(opts.visibilityTimeout !== undefined ? { visibilityTimeout: opts.visibilityTimeout } : {}),
      messageSystemAttributeNames: ["ApproximateReceiveCount"],
      messageAttributeNames: ["type"],
      suppressFifoWarning: true,
      strictReturn: true,
      // How long sqs-consumer may take to report "stopped"; stop() bounds its own wait (timeoutMs).
      pollingCompleteWaitTimeMs: 10 * 60_000,
      async handleMessageBatch(messages: Message[]): Promise<Message[]> {
        if (stopping) {
          await release(messages);
          return [];
        }
        const handled = await Promise.all(messages.map((message) => limit(() => handleMessage(opts, message))));
        return messages.filter((_, i) => handled[i]);
      },
    });
    // The wait takes effect from the second receive after a failure (sqs-consumer reads it when a
    // receive starts), and goes back to none once a receive succeeds.
    let failedReceives = 0;
    const received = () => {
      if (failedReceives === 0) return;
      failedReceives = 0;
      consumer.updateOption("pollingWaitTimeMs", 0);
    };
    consumer.on("empty", received);
    consumer.on("response_processed", received);
    consumer.on("error", (err, message) => {
      // stop({ abort: true }) cancels the receive in flight: that is no failure.
      if (consumer.abortController.signal.aborted) return;
      if (message === undefined && err.message.startsWith("SQS receive message failed"))
        consumer.updateOption("pollingWaitTimeMs", receiveBackoffMs((failedReceives += 1)));
      log.error(
        { err, queueUrl: opts.queueUrl, messageIds: [message ?? []].flat().map((m) => m.MessageId) },
        "order events: SQS error",
      );
    });
    return consumer;
  });

  return {
    start() {
      stopping = false;
      for (const consumer of consumers) consumer.start();
    },
    async stop({ abort = false, timeoutMs = STOP_TIMEOUT_MS } = {}) {
      stopping = true;
      const stopped = Promise.all(
        consumers
          .filter((consumer) => consumer.status.isRunning)
          .map((consumer) => {
            const done = new Promise<void>((resolve) => consumer.once("stopped", () => resolve()));
            consumer.stop({ abort });
            return done;
          }),
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const drained = await Promise.race([stopped.then(() => true), timedOut]);
      clearTimeout(timer);
      return { drained };
    },
  };
}
