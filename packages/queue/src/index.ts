export { queueEnv, queueEnvSchema } from "./env";
export type { QueueEnv } from "./env";
export { ORDER_EVENT_TYPES, orderEventTypeSchema, orderEventSchema, createOrderEvent } from "./events";
export type { OrderEvent, OrderEventType } from "./events";
export { createSqsClient, resolveQueueUrl, ensureQueue, ensureOrderQueues, pingQueue } from "./client";
export type { EnsureQueueOptions } from "./client";
export { orderQueueSender, publishOrderEvent } from "./publish";
export { createOrderEventConsumer, InvalidOrderEventError } from "./consumer";
export type { OrderEventConsumer, OrderEventConsumerOptions, OrderEventMeta, QueueLogger } from "./consumer";
