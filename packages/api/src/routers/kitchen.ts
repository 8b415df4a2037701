import { advanceOrderInput, ticketSubscriptionInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { staffProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { activeTickets, advanceTicket, followTickets } from "../use-cases/kitchen";

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
} satisfies TRPCRouterRecord;
