export { createEventBus, streamKey } from "./event-bus";
export type { BusEvent, CreateEventBusOptions, EventBus, SubscribeOptions } from "./event-bus";
export { channels } from "./channels";
export { compareEventIds, isEventId } from "./event-id";
export { publishOrderChange } from "./order-changes";
