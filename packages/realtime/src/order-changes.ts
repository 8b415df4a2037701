import type { OrderView } from "@tabletap/core";
import { channels } from "./channels";
import type { EventBus } from "./event-bus";

/**
 * Announces an order's new state (the full `OrderView`) on its restaurant's kitchen channel and
 * on the order's own channel, for the kitchen display and the guest's tracking page. Used by the
 * API and the worker alike. Rejects with the Redis error; callers treat the broadcast as best
 * effort (screens also refetch when they reconnect).
 */
export async function publishOrderChange(bus: Pick<EventBus, "publish">, view: OrderView): Promise<void> {
  await Promise.all([bus.publish(channels.kitchen(view.restaurantId), view), bus.publish(channels.order(view.id), view)]);
}
