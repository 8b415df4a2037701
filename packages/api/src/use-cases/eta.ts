import {
  ACTIVE_ORDER_STATUSES,
  estimateNewOrder,
  estimateReady,
  ETA_POLICY,
  isActiveOrderStatus,
  prepStats,
  type EtaTicket,
  type MenuEstimate,
  type OrderEtaView,
  type OrderIdInput,
  type OrderStatus,
  type PrepStats,
  type TableMenuInput,
  type TimedOrder,
} from "@tabletap/core";
import { activeTicketWindow, CACHE_TTL, cacheKeys } from "@tabletap/cache";
import { activeTicketRefs, Order } from "@tabletap/db";
import type { Types } from "mongoose";
import type { Services } from "../services";
import type { GuestPrincipal } from "../trpc";
import { restaurantMenu } from "./menu";
import { ownOrder } from "./orders";
import { findActiveTable } from "./tables";

/** The fields of an order the estimator reads (a projection: no prices, no outbox). */
export interface EtaOrderDoc {
  _id: Types.ObjectId;
  status: OrderStatus;
  createdAt: Date;
  lines: { menuItemId: Types.ObjectId; station: string }[];
  statusHistory: { status: OrderStatus; at: Date }[];
}

/** The projection that reads an `EtaOrderDoc`. */
export const ETA_ORDER_FIELDS = {
  status: 1,
  createdAt: 1,
  "lines.menuItemId": 1,
  "lines.station": 1,
  "statusHistory.status": 1,
  "statusHistory.at": 1,
} as const;

/** When the order first reached `status` (ms since the epoch), or null. */
function firstAt(order: EtaOrderDoc, status: OrderStatus): number | null {
  return order.statusHistory.find((change) => change.status === status)?.at.getTime() ?? null;
}

const lineRefs = (order: EtaOrderDoc) =>
  order.lines.map((line) => ({ menuItemId: line.menuItemId.toString(), station: line.station }));

/** A past order timed for `prepStats` (placed, first started, first ready), or null when it was never both. */
export function timedOrder(order: EtaOrderDoc): TimedOrder | null {
  const startedAt = firstAt(order, "preparing");
  const readyAt = firstAt(order, "ready");
  if (startedAt === null || readyAt === null) return null;
  return { placedAt: order.createdAt.getTime(), startedAt, readyAt, lines: lineRefs(order) };
}

/** An active order as the estimator's ticket: started when it has reached `preparing`. */
function etaTicket(order: EtaOrderDoc): EtaTicket {
  return {
    placedAt: order.createdAt.getTime(),
    startedAt: order.status === "preparing" ? firstAt(order, "preparing") : null,
    lines: lineRefs(order),
  };
}

/**
 * The restaurant's prep-time figures (`prepStats`) from its orders of the last
 * `ETA_POLICY.historyDays` that reached ready or served (the newest `historyMaxOrders`; one
 * query on the `{ restaurantId, status, createdAt }` index), cached for `CACHE_TTL.etaStats`
 * (they move slowly), so an order read costs a cache read.
 */
async function restaurantPrepStats(services: Services, restaurantId: string): Promise<PrepStats> {
  return services.cache.getOrSet({
    key: cacheKeys.etaStats(restaurantId),
    ttl: CACHE_TTL.etaStats,
    factory: async () => {
      const since = new Date(Date.now() - ETA_POLICY.historyDays * 86_400_000);
      const orders = await Order.find(
        { restaurantId, status: { $in: ["ready", "served"] }, createdAt: { $gte: since } },
        ETA_ORDER_FIELDS,
      )
        .sort({ createdAt: -1 })
        .limit(ETA_POLICY.historyMaxOrders)
        .lean<EtaOrderDoc[]>();
      return prepStats(orders.flatMap((order) => timedOrder(order) ?? []));
    },
  });
}

/**
 * The restaurant's tickets not ready yet (placed, accepted, preparing), oldest first: the ids
 * from the active-ticket index in Redis (as the kitchen display reads them), then the orders by
 * id, so the cost follows the open tickets, not the history.
 */
async function openTickets(services: Services, restaurantId: string): Promise<EtaOrderDoc[]> {
  const window = await activeTicketWindow(services.redis, restaurantId, () => activeTicketRefs(restaurantId));
  const orders = await Order.find({ _id: { $in: window.ids }, restaurantId }, ETA_ORDER_FIELDS).lean<EtaOrderDoc[]>();
  return orders
    .filter((order) => isActiveOrderStatus(order.status) && order.status !== "ready")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * When one of the guest's orders will be ready (`estimateReady` in @tabletap/core/eta): the
 * earliest and latest instant (ISO-8601 UTC), from the restaurant's history and the tickets
 * ahead of it now; null once it is ready or over (served, cancelled, rejected).
 * @throws NotFoundError for a missing order or another guest's (as `order.get`).
 */
export async function orderEta(
  services: Services,
  guest: GuestPrincipal,
  input: OrderIdInput,
  now = Date.now(),
): Promise<OrderEtaView | null> {
  const view = await ownOrder(services, guest, input);
  if (!(ACTIVE_ORDER_STATUSES as readonly OrderStatus[]).includes(view.status) || view.status === "ready") return null;
  const [stats, open] = await Promise.all([
    restaurantPrepStats(services, view.restaurantId),
    openTickets(services, view.restaurantId),
  ]);
  const own = open.find((order) => order._id.toString() === view.id);
  // The order changed since the view was cached (ready or over): no estimate.
  if (!own) return null;
  const ahead = open.filter((order) => order.createdAt.getTime() < own.createdAt.getTime()).map(etaTicket);
  const estimate = estimateReady(stats, etaTicket(own), ahead, now);
  return { earliestAt: new Date(estimate.earliest).toISOString(), latestAt: new Date(estimate.latest).toISOString() };
}

/**
 * How long an order placed now at the table a QR code names would take (`estimateNewOrder`):
 * whole minutes from now, the kitchen's backlog, and whether it is past the manager's
 * overload threshold (`kitchenBacklogWarnMinutes`). Public, like the menu.
 * @throws NotFoundError for an unknown or inactive table code.
 */
export async function menuEstimate(services: Services, input: TableMenuInput, now = Date.now()): Promise<MenuEstimate> {
  const table = await findActiveTable(services, input.tableCode);
  const [menu, stats, open] = await Promise.all([
    restaurantMenu(services, table.restaurantId),
    restaurantPrepStats(services, table.restaurantId),
    openTickets(services, table.restaurantId),
  ]);
  return estimateNewOrder(stats, open.map(etaTicket), now, menu.restaurant.kitchenBacklogWarnMinutes);
}
