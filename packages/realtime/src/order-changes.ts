import { setTimeout as sleep } from "node:timers/promises";
import type { OrderView } from "@tabletap/core";
import {
  cacheKeys,
  clearOutboxPending,
  markOutboxPending,
  pendingOutboxOrders,
  trackDoneTicket,
  trackTicket,
  type Cache,
} from "@tabletap/cache";
import { flushOrderOutbox, ordersWithStaleOutbox, toOrderView, type OrderDoc } from "@tabletap/db";
import type { OrderEvent } from "@tabletap/queue/events";
import type { Redis } from "ioredis";
import { channels } from "./channels";
import type { EventBus } from "./event-bus";
import { publishTabChange } from "./tab-changes";

/** Where failed deliveries are reported (pino's `warn` fits). */
export interface OrderChangesLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/**
 * "An order changed", in one place, for the API and the worker alike. Whoever changes an order
 * writes the change and its outbox events in one document update (`order.placed` when placed,
 * `order.changed` on every change: see `outboxEntry`, `transitionOrder` in @tabletap/db), then
 * calls `deliver`; the worker's relay calls `relay` for what is still pending.
 */
export interface OrderChanges {
  /**
   * Delivers the order's pending outbox events now: `order.placed` and `order.notify` to SQS, `order.changed` as the
   * order's current view on its live channels (a failed broadcast is retried a few times with
   * backoff first). Never throws: whatever could not be delivered stays in the outbox for
   * `relay`, and is logged.
   * @param order the order document just written (its outbox as stored: no read needed), or its id.
   * @returns true when nothing is left pending.
   */
  deliver(order: OrderDoc | string): Promise<boolean>;
  /**
   * One relay pass: delivers the pending events of orders whose delivery failed before
   * `olderThan` (the pending-outbox index in Redis, `pendingOutboxOrders`; younger ones are left
   * to the request that is still retrying), at most 100 orders, stopping early once
   * `shouldStop()` says so. Its cost does not grow with the number of stored orders.
   * @returns the ids of the orders that still have undelivered events.
   */
  relay(olderThan: Date, shouldStop?: () => boolean): Promise<string[]>;
  /**
   * The full sweep: like `relay`, but for orders found by their outbox in the database (events
   * older than `olderThan`, at most 100 orders), which also finds what the index missed (a
   * process that died between writing an order and delivering it, or Redis down at that
   * moment). It reads every order's outbox, so it runs rarely (`OUTBOX_SWEEP_INTERVAL_MS`).
   * @returns the ids of the orders that still have undelivered events.
   */
  sweep(olderThan: Date, shouldStop?: () => boolean): Promise<string[]>;
  /** The same publisher logging to `log` (e.g. a request's logger, so its lines carry the request id). */
  withLog(log: OrderChangesLogger): OrderChanges;
}

/**
 * Builds the order-change publisher.
 * @param deps.bus the live channels' event bus.
 * @param deps.redis and deps.cache the read models every change refreshes before it is
 *   broadcast: the order's cached view is dropped and the restaurant's active-ticket and
 *   recently-done indexes updated (@tabletap/cache), so whoever hears of the change and reads the order sees it.
 * @param deps.sendToQueue sends one event to the orders queue (see `orderQueueSender` in @tabletap/queue).
 * @param deps.broadcastRetryDelaysMs waits between broadcast attempts (default 100 ms, 400 ms: three attempts).
 */
export function createOrderChanges(deps: {
  bus: Pick<EventBus, "publish">;
  redis: Redis;
  cache: Pick<Cache, "delete">;
  sendToQueue: (event: OrderEvent) => Promise<void>;
  log: OrderChangesLogger;
  broadcastRetryDelaysMs?: readonly number[];
}): OrderChanges {
  const delays = deps.broadcastRetryDelaysMs ?? [100, 400];

  async function announce(view: OrderView): Promise<void> {
    await Promise.all([
      deps.cache.delete({ key: cacheKeys.order(view.id) }),
      trackTicket(deps.redis, view),
      trackDoneTicket(deps.redis, view),
    ]);
    await publishOrderChange(deps.bus, view);
  }

  async function announceWithRetries(view: OrderView): Promise<void> {
    for (const delay of delays) {
      try {
        return await announce(view);
      } catch {
        await sleep(delay);
      }
    }
    await announce(view);
  }

  async function deliver(order: OrderDoc | string): Promise<boolean> {
    const orderId = typeof order === "string" ? order : order._id.toString();
    const { failed } = await flushOrderOutbox(order, {
      "order.placed": async (events) => {
        for (const event of events) await deps.sendToQueue(event);
      },
      "order.notify": async (events) => {
        for (const event of events) await deps.sendToQueue(event);
      },
      // However many changes are pending, the live channels need the order's current view once.
      "order.changed": (_events, stored) => announceWithRetries(toOrderView(stored)),
    }).catch((error: unknown) => ({ failed: [{ type: "order", error }] }));
    for (const { type, error } of failed)
      deps.log.warn({ err: error, orderId, type }, "order event not delivered yet; the outbox relay will retry");
    if (failed.length === 0) return true;
    // If Redis is down too, the relay's full sweep finds the order by its outbox.
    await markOutboxPending(deps.redis, orderId).catch(() => undefined);
    return false;
  }

  async function deliverAll(orderIds: string[], shouldStop: () => boolean): Promise<string[]> {
    const pending: string[] = [];
    const done: string[] = [];
    for (const orderId of orderIds) {
      if (shouldStop()) break;
      if (await deliver(orderId)) done.push(orderId);
      else pending.push(orderId);
    }
    await clearOutboxPending(deps.redis, done);
    return pending;
  }

  const relay = async (olderThan: Date, shouldStop: () => boolean = () => false) =>
    deliverAll(await pendingOutboxOrders(deps.redis, olderThan), shouldStop);

  const sweep = async (olderThan: Date, shouldStop: () => boolean = () => false) =>
    deliverAll(await ordersWithStaleOutbox(olderThan), shouldStop);

  return { deliver, relay, sweep, withLog: (log) => createOrderChanges({ ...deps, log }) };
}

/**
 * Announces an order's new state (the full `OrderView`) on its restaurant's kitchen channel and
 * on the order's own channel, for the kitchen display and the guest's tracking page. Rejects with
 * the Redis error (`createOrderChanges` retries it).
 */
async function publishOrderChange(bus: Pick<EventBus, "publish">, view: OrderView): Promise<void> {
  await Promise.all([
    bus.publish(channels.kitchen(view.restaurantId), view),
    bus.publish(channels.order(view.id), view),
    publishTabChange(bus, { restaurantId: view.restaurantId, tableSessionId: view.tableSessionId }),
  ]);
}
