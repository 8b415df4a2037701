import { ACTIVE_ORDER_STATUSES, advanceOrderInput, IllegalTransitionError, ticketSubscriptionInput, type OrderView } from "@tabletap/core";
import { Order, OrderNotFoundError, toOrderView, transitionOrder, type OrderDoc } from "@tabletap/db";
import { channels } from "@tabletap/realtime";
import { tracked, TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { broadcastOrderChange } from "../services";
import { staffProcedure } from "../trpc";

/** The kitchen display: tickets of the staff member's restaurant only. */
export const kitchenRouter = {
  /** Every active ticket (placed, accepted, preparing, ready) of the restaurant, oldest first, at most 300. */
  tickets: staffProcedure.query(async ({ ctx }): Promise<OrderView[]> => {
    const orders = await Order.find({ restaurantId: ctx.staff.restaurantId, status: { $in: ACTIVE_ORDER_STATUSES } })
      .sort({ createdAt: 1 })
      .limit(300)
      .lean<OrderDoc[]>();
    return orders.map(toOrderView);
  }),

  /**
   * Live ticket changes of the restaurant over SSE (new orders and every status change, as the
   * full `OrderView`), with tracked event ids: a reconnecting display passes `lastEventId` and
   * receives what it missed.
   */
  onTicket: staffProcedure.input(ticketSubscriptionInput).subscription(async function* ({ ctx, input, signal }) {
    const events = ctx.services.bus.subscribe<OrderView>(channels.kitchen(ctx.staff.restaurantId), { lastEventId: input.lastEventId, signal });
    for await (const event of events) yield tracked(event.id, event.payload);
  }),

  /**
   * Moves a ticket to `to` (accepted → preparing → ready → served, or cancelled / rejected with
   * an optional reason) under the order state machine in @tabletap/core, then broadcasts it.
   * Errors: NOT_FOUND for an order of another restaurant or none; CONFLICT for an illegal move.
   */
  advance: staffProcedure.input(advanceOrderInput).mutation(async ({ ctx, input }): Promise<OrderView> => {
    try {
      const { order } = await transitionOrder(ctx.services.redis, {
        orderId: input.orderId,
        restaurantId: ctx.staff.restaurantId,
        to: input.to,
        by: `staff:${ctx.staff.staffId}`,
        reason: input.reason ?? null,
      });
      const view = toOrderView(order);
      await broadcastOrderChange(ctx.services, view);
      return view;
    } catch (error) {
      if (error instanceof OrderNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: "We couldn't find that ticket." });
      if (error instanceof IllegalTransitionError) throw new TRPCError({ code: "CONFLICT", message: error.message });
      throw error;
    }
  }),
} satisfies TRPCRouterRecord;
