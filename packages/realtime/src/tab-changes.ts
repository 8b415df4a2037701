import { channels } from "./channels";
import type { EventBus } from "./event-bus";

/** The signal `publishTabChange` sends: which session changed, nothing more (readers recompute their view). */
export interface TabChange {
  tableSessionId: string;
}

/**
 * Announces that a table session's tab changed (an order joined or moved on, a payment started or
 * settled, a service request came or was answered): on the session's `tab` channel, for the
 * bills open at the table, and on the restaurant's `floor` channel, for the staff's floor view.
 * Rejects with the Redis error; callers that must not fail (after a write) catch and log it.
 */
export async function publishTabChange(
  bus: Pick<EventBus, "publish">,
  session: { restaurantId: string; tableSessionId: string },
): Promise<void> {
  const change: TabChange = { tableSessionId: session.tableSessionId };
  await Promise.all([
    bus.publish(channels.tab(session.tableSessionId), change),
    bus.publish(channels.floor(session.restaurantId), change),
  ]);
}
