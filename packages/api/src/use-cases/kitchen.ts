import {
  isActiveOrderStatus,
  KITCHEN_BOARD_POLICY,
  type AdvanceOrderInput,
  type KitchenBoardView,
  type OrderView,
  type TicketSubscriptionInput,
} from "@tabletap/core";
import { activeTicketWindow, untrackTickets } from "@tabletap/cache";
import { activeTicketRefs, Order, OrderNotFoundError, toOrderView, transitionOrder, type OrderDoc } from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import { restaurantMenu } from "./menu";
import type { StaffPrincipal } from "../trpc";

/**
 * The active tickets (placed, accepted, preparing, ready) of the staff member's restaurant,
 * oldest first, with a count of those left out and the restaurant's time zone (from its cached
 * menu, so the display's clock shows the restaurant's time from its first render): at most `KITCHEN_BOARD_POLICY.maxTickets`,
 * chosen by status and age (every ticket staff are working on, then the newest waiting ones),
 * so a flood of old tickets never hides a new order, and nothing is left out silently.
 *
 * The ids come from the restaurant's active-ticket index in Redis (`activeTicketWindow` in
 * @tabletap/cache), each order is then read by id, so the cost follows the number of open
 * tickets, not the restaurant's history. Tickets the index still lists but that have finished
 * are dropped from it here (and from the answer).
 */
export async function activeTickets(services: Services, staff: StaffPrincipal): Promise<KitchenBoardView> {
  const [menu, window] = await Promise.all([
    restaurantMenu(services, staff.restaurantId),
    activeTicketWindow(
      services.redis,
      staff.restaurantId,
      () => activeTicketRefs(staff.restaurantId),
      KITCHEN_BOARD_POLICY.maxTickets,
    ),
  ]);
  const orders = await Order.find({ _id: { $in: window.ids } }).lean<OrderDoc[]>();
  const finished = orders.filter((order) => !isActiveOrderStatus(order.status)).map((order) => order._id.toString());
  await untrackTickets(services.redis, staff.restaurantId, finished);
  const tickets = orders
    .filter((order) => isActiveOrderStatus(order.status) && order.restaurantId.toString() === staff.restaurantId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(toOrderView);
  const { count, oldestPlacedAt } = window.hidden;
  return {
    tickets,
    hidden: { count, oldestAt: oldestPlacedAt === null ? null : new Date(oldestPlacedAt).toISOString() },
    timeZone: menu.restaurant.timeZone,
  };
}

/**
 * Live ticket changes of the staff member's restaurant (new orders and every status change, as
 * the full `OrderView`) with their event ids: from `lastEventId` when given, else from now on.
 */
export function followTickets(
  services: Services,
  staff: StaffPrincipal,
  input: TicketSubscriptionInput,
  signal?: AbortSignal,
): AsyncIterable<BusEvent<OrderView>> {
  return services.bus.subscribe<OrderView>(channels.kitchen(staff.restaurantId), {
    lastEventId: input.lastEventId,
    signal,
  });
}

/**
 * Moves a ticket of the staff member's restaurant to `input.to` under the order state machine
 * in @tabletap/core (`transitionOrder`), then delivers the change (kitchen displays, the guest).
 * @throws NotFoundError for an order of another restaurant or none; IllegalTransitionError for an illegal move.
 */
export async function advanceTicket(
  services: Services,
  staff: StaffPrincipal,
  input: AdvanceOrderInput,
): Promise<OrderView> {
  const { order } = await transitionOrder({
    orderId: input.orderId,
    restaurantId: staff.restaurantId,
    to: input.to,
    by: `staff:${staff.staffId}`,
    reason: input.reason ?? null,
  }).catch((error: unknown) => {
    if (error instanceof OrderNotFoundError) throw new NotFoundError("We couldn't find that ticket.");
    throw error;
  });
  await services.orderChanges.deliver(order);
  return toOrderView(order);
}
