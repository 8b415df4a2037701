import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { resolveQueueUrl } from "./client";
import { orderEventSchema } from "./events";
import type { OrderEvent } from "./events";

/**
 * Sends `event` to the queue at `queueUrl`: the body is the event as JSON and the message
 * attribute `type` carries `event.type`. On a FIFO queue the order id is the message group and
 * the event id the deduplication id. Throws a ZodError (before sending) when the event does not
 * match `orderEventSchema`, or the SDK's error when SQS refuses it or cannot be reached.
 */
export async function publishOrderEvent(client: SQSClient, queueUrl: string, event: OrderEvent): Promise<void> {
  const valid = orderEventSchema.parse(event);
  const fifo = queueUrl.endsWith(".fifo") ? { MessageGroupId: valid.orderId, MessageDeduplicationId: valid.id } : {};
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(valid),
      MessageAttributes: { type: { DataType: "String", StringValue: valid.type } },
      ...fifo,
    }),
  );
}

/**
 * `publishOrderEvent` bound to the queue named `queueName` (or its full URL), resolved on first
 * use (`resolveQueueUrl`; a failed lookup is retried by the next call). Rejects like `publishOrderEvent`.
 */
export function orderQueueSender(client: SQSClient, queueName: string): (event: OrderEvent) => Promise<void> {
  return async (event) => publishOrderEvent(client, await resolveQueueUrl(client, queueName), event);
}
