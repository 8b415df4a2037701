import type { OrderView } from "@tabletap/core";
import { channels } from "@tabletap/realtime";
import type { Services } from "./services";

/**
 * Announces an order's new state on the restaurant's kitchen channel and the order's own
 * channel. Best effort: a Redis hiccup is logged, never fails the request that changed the order
 * (screens also refetch on reconnect).
 */
export async function publishOrderChange(services: Pick<Services, "bus" | "log">, view: OrderView): Promise<void> {
  try {
    await Promise.all([services.bus.publish(channels.kitchen(view.restaurantId), view), services.bus.publish(channels.order(view.id), view)]);
  } catch (error) {
    services.log.warn({ err: error, orderId: view.id }, "order change not broadcast");
  }
}
