import { advanceOrderInput, findOrdersInput, ticketSubscriptionInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { staffProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { activeTickets, advanceTicket, followTickets } from "../use-cases/kitchen";
import { findOrders } from "../use-cases/order-lookup";

/** The kitchen display: tickets of the staff member's restaurant only. */
export const kitchenRouter = {
  /**
   * The restaurant's active tickets (placed, accepted, preparing, ready), oldest first, as
   * `{ tickets, hidden: { count, oldestAt } }`: at most `KITCHEN_BOARD_POLICY.maxTickets` (300),
   * every ticket being prepared or ready and then the newest waiting ones; `hidden` counts the
   * older waiting tickets left out and says when the oldest was placed (ISO-8601 UTC, or null).
   */
  tickets: staffProcedure.query(({ ctx }) => activeTickets(ctx.services, ctx.staff)),

  /**
   * Live ticket changes of the restaurant over SSE (new orders and every status change, as the
   * full `OrderView`), with tracked event ids: a reconnecting display passes `lastEventId` and
   * receives what it missed.
   */
  onTicket: staffProcedure
    .input(ticketSubscriptionInput)
    .subscription(({ ctx, input, signal }) =>
      trackedEvents(followTickets(ctx.services, ctx.staff, input, whileSignedIn(ctx, "staff", signal))),
    ),

  /**
   * Moves a ticket to `to` (accepted → preparing → ready → served, or cancelled / rejected with
   * an optional reason) under the order state machine in @tabletap/core, then broadcasts it.
   * Errors: NOT_FOUND for an order of another restaurant or none; CONFLICT for an illegal move.
   */
  advance: staffProcedure
    .input(advanceOrderInput)
    .mutation(({ ctx, input }) => advanceTicket(ctx.services, ctx.staff, input)),

  /**
   * Order lookup: the restaurant's orders of today (its business date) matching `query`, an order
   * number ("42", "#042"), a table label ("T7") or the guest's phone (whole, or its last 4–9
   * digits), any status, with their full status history, newest first, at most
   * `ORDER_LOOKUP_POLICY.maxResults` (50), as `{ businessDate, orders, more }`.
   * Errors: BAD_REQUEST with a human message for a query that is none of these.
   */
  findOrders: staffProcedure.input(findOrdersInput).query(({ ctx, input }) => findOrders(ctx.staff, input)),
} satisfies TRPCRouterRecord;
