import {
  advanceOrderInput,
  bumpLineInput,
  findOrdersInput,
  orderIdInput,
  ticketSubscriptionInput,
} from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { kitchenAvailabilityInput, setStockInput } from "@tabletap/core/stock";
import { managerProcedure, staffProcedure, trackedEvents, whileSignedIn } from "../trpc";
import {
  activeTickets,
  advanceTicket,
  bumpLine,
  followTickets,
  recallTicket,
  recentTickets,
  reopenLine,
} from "../use-cases/kitchen";
import { findOrders } from "../use-cases/order-lookup";
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
   * A station bumps its line of a ticket as done: `{ orderId, lineId, station }`, `lineId` the
   * line's index ("0", "1", …), `station` the line's station. A line of an accepted order starts
   * it (→ preparing) first; once every line is done the order moves to ready (exactly once, however
   * many stations bump at the same moment), so the guest sees "ready" only after every station.
   * Returns the order's view. Errors: NOT_FOUND for an order of another restaurant or none;
   * BAD_REQUEST for a line the ticket doesn't have or that another station makes; CONFLICT when
   * the line is already done or the order isn't accepted or preparing.
   */
  bumpLine: staffProcedure.input(bumpLineInput).mutation(({ ctx, input }) => bumpLine(ctx.services, ctx.staff, input)),

  /**
   * Undoes a station's bump of its line (same input as `bumpLine`) while the order is preparing.
   * Errors: NOT_FOUND, BAD_REQUEST as `bumpLine`; CONFLICT when the line isn't done or the order
   * isn't preparing (a ready ticket is recalled instead).
   */
  reopenLine: staffProcedure
    .input(bumpLineInput)
    .mutation(({ ctx, input }) => reopenLine(ctx.services, ctx.staff, input)),

  /**
   * Recalls a ticket within `RECALL_POLICY.windowSeconds` (10 minutes) of its last status change:
   * ready → preparing (reopening the lines bumped last), served → ready. Recorded in its status
   * history and broadcast; returns the order's view. Errors: NOT_FOUND for an order of another
   * restaurant or none; CONFLICT for any other status or once the 10 minutes have passed.
   */
  recall: staffProcedure.input(orderIdInput).mutation(({ ctx, input }) => recallTicket(ctx.services, ctx.staff, input)),

  /**
   * The restaurant's tickets that became ready or served in the last 10 minutes and can still be
   * recalled, most recently done first, at most `RECALL_POLICY.maxRecent` (50), as `{ tickets }`.
   */
  recent: staffProcedure.query(({ ctx }) => recentTickets(ctx.services, ctx.staff)),

  /**
   * Order lookup: the restaurant's orders of today (its business date) matching `query`, an order
   * number ("42", "#042"), a table label ("T7") or the guest's phone (whole, or its last 4–9
   * digits), any status, with their full status history, newest first, at most
   * `ORDER_LOOKUP_POLICY.maxResults` (50), as `{ businessDate, orders, more }`.
   * Errors: BAD_REQUEST with a human message for a query that is none of these.
   */
  findOrders: staffProcedure.input(findOrdersInput).query(({ ctx, input }) => findOrders(ctx.staff, input)),

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
