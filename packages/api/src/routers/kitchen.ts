import { advanceOrderInput, ticketSubscriptionInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { kitchenAvailabilityInput, setStockInput } from "@tabletap/core/stock";
import { managerProcedure, staffProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { activeTickets, advanceTicket, followTickets } from "../use-cases/kitchen";
import { kitchenStock, setItemStock, setKitchenAvailability } from "../use-cases/stock";

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
   * What the kitchen watches on its menu: every 86'd item, every item with an 86'd option and
   * every counted item (`StockItemView[]`, by name; `stock` in portions, null when not counted).
   */
  stock: staffProcedure.query(({ ctx }) => kitchenStock(ctx.staff)),

  /**
   * 86 an item (`available: false`) or one of its options (`optionId`), or bring it back; any
   * staff member of the restaurant. Audited; open guest menus refetch live. Returns the item.
   * Errors: NOT_FOUND for another restaurant's item, an unknown one or an option not of the item;
   * CONFLICT when bringing back a counted item with none left.
   */
  setAvailability: staffProcedure
    .input(kitchenAvailabilityInput)
    .mutation(({ ctx, input }) => setKitchenAvailability(ctx.services, ctx.staff, input)),

  /**
   * Managers set an item's count of portions left (0–`STOCK_POLICY.maxCount`): 0 86's it, more
   * brings it back, null stops counting. Audited; open guest menus refetch live. Returns the item.
   * Errors: FORBIDDEN for staff who are not managers; NOT_FOUND for another restaurant's item.
   */
  setStock: managerProcedure
    .input(setStockInput)
    .mutation(({ ctx, input }) => setItemStock(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
