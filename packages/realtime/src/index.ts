export { createEventBus, streamKey } from "./event-bus";
export type { BusEvent, CreateEventBusOptions, EventBus, SubscribeOptions } from "./event-bus";
export { channels } from "./channels";
export { createOrderChanges } from "./order-changes";
export type { OrderChanges, OrderChangesLogger } from "./order-changes";
export { publishTabChange } from "./tab-changes";
export type { TabChange } from "./tab-changes";
