import { Consumer } from "sqs-consumer";
import type { Message, SQSClient } from "@aws-sdk/client-sqs";
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

/** Thrown (and so retried, then dead-lettered) for a message whose body is not an order event. */
export class InvalidOrderEventError extends Error {
  override readonly name = "InvalidOrderEventError";
}

export interface OrderEventConsumerOptions {
  client: SQSClient;
  queueUrl: string;
  /**
   * Handles one event. Resolve to acknowledge (the message is deleted); throw to retry: the
   * message reappears after the visibility timeout and, after the queue's maxReceiveCount
   * receives, moves to the dead-letter queue. Must be idempotent: SQS delivers at least once.
   */
  handle: (event: OrderEvent, meta: OrderEventMeta) => Promise<void>;
  log: QueueLogger;
  /** Long-poll wait per receive, seconds (0-20). Default 20. */
  waitTimeSeconds?: number;
  /** Visibility timeout for received messages, seconds; default: the queue's own setting. */
  visibilityTimeout?: number;
}

function eventIdOf(body: unknown): string | undefined {
  if (body && typeof body === "object" && "id" in body && typeof body.id === "string") return body.id;
  return undefined;
}

/**
 * Creates (but does not start) an sqs-consumer `Consumer` for order events: each message body is
 * parsed with `orderEventSchema` and passed to `handle`. A body that is not JSON or fails the
 * schema throws `InvalidOrderEventError`, so it is retried like any failure and ends up in the
 * dead-letter queue. Failures are logged with the event id, message id and receive count.
 * Call `consumer.start()`, and `consumer.stop()` on shutdown (listen for "stopped").
 */
export function createOrderEventConsumer(opts: OrderEventConsumerOptions): Consumer {
  const { log, handle } = opts;
  const consumer = Consumer.create({
    sqs: opts.client,
    queueUrl: opts.queueUrl,
    waitTimeSeconds: opts.waitTimeSeconds ?? 20,
    ...(opts.visibilityTimeout !== undefined ? { visibilityTimeout: opts.visibilityTimeout } : {}),
    messageSystemAttributeNames: ["ApproximateReceiveCount"],
    messageAttributeNames: ["type"],
    suppressFifoWarning: true,
    async handleMessage(message: Message): Promise<Message> {
      const meta: OrderEventMeta = {
        messageId: message.MessageId,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
      };
      let body: unknown;
      try {
        body = JSON.parse(message.Body ?? "");
      } catch {
        log.error({ ...meta, eventId: undefined }, "order event: message body is not JSON");
        throw new InvalidOrderEventError(`Message ${meta.messageId ?? "?"} body is not JSON`);
      }
      const parsed = orderEventSchema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
        log.error({ ...meta, eventId: eventIdOf(body), issues }, "order event: invalid message body");
        throw new InvalidOrderEventError(
          `Message ${meta.messageId ?? "?"} is not an order event: ${issues.join("; ")}`,
        );
      }
      const event = parsed.data;
      try {
        await handle(event, meta);
      } catch (err) {
        log.error(
          { ...meta, err, eventId: event.id, type: event.type, orderId: event.orderId },
          "order event: handler failed",
        );
        throw err;
      }
      return message;
    },
  });
  consumer.on("error", (err, message) => {
    log.error(
      { err, queueUrl: opts.queueUrl, messageIds: [message ?? []].flat().map((m) => m.MessageId) },
      "order events: SQS error",
    );
  });
  consumer.on("timeout_error", (err, message) => {
    log.error(
      { err, messageId: message.MessageId, eventId: eventIdOf(safeJson(message.Body)) },
      "order event: handler timed out",
    );
  });
  consumer.on("processing_error", () => {
    // Handler failures are logged above with the event id; this listener only keeps the emitter from treating them as unhandled.
  });
  return consumer;
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}
