import {
  ACTIVE_ORDER_STATUSES,
  type AdvanceOrderInput,
  type OrderView,
  type TicketSubscriptionInput,
} from "@tabletap/core";
import { Order, OrderNotFoundError, toOrderView, transitionOrder, type OrderDoc } from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";

/** Every active ticket (placed, accepted, preparing, ready) of the staff member's restaurant, oldest first, at most 300. */
export async function activeTickets(staff: StaffPrincipal): Promise<OrderView[]> {
  const orders = await Order.find({ restaurantId: staff.restaurantId, status: { $in: ACTIVE_ORDER_STATUSES } })
    .sort({ createdAt: 1 })
    .limit(300)
    .lean<OrderDoc[]>();
  return orders.map(toOrderView);
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
  const { order } = await transitionOrder(services.redis, {
    orderId: input.orderId,
    restaurantId: staff.restaurantId,
    to: input.to,
    by: `staff:${staff.staffId}`,
    reason: input.reason ?? null,
  }).catch((error: unknown) => {
    if (error instanceof OrderNotFoundError) throw new NotFoundError("We couldn't find that ticket.");
    throw error;
  });
  await services.orderChanges.deliver(order._id.toString());
  return toOrderView(order);
}
