import { myOrdersInput, orderIdInput, orderSubscriptionInput, placeOrderInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { orderEta } from "../use-cases/eta";
import { myOrders } from "../use-cases/order-history";
import { followOwnOrder, ownOrder, placeOrder } from "../use-cases/orders";

/** Guests' orders: place, read, follow live. */
export const orderRouter = {
  /**
   * Places an order at the table the QR code names. The server prices every line from the live
   * menu (base price + modifier deltas, GST and service charge from the restaurant's basis
   * points, in paise); the client never sends a price. The order joins the table's open table
   * session, is stored with its `order.placed` event in the outbox, shown on the kitchen display,
   * and the event is published to SQS (retried by the worker's relay if SQS is down).
   *
   * Idempotent: the same `idempotencyKey` from the same guest returns the first order and creates
   * nothing. Errors: NOT_FOUND for an unknown table code or menu item; BAD_REQUEST for an 86'd
   * item, an option not of the item, a modifier group's min/max broken, quantity outside 1–50,
   * notes over 200 characters or more than 100 lines.
   */
  place: guestProcedure
    .input(placeOrderInput)
    .mutation(({ ctx, input, signal }) => placeOrder(ctx.services, ctx.guest, input, signal)),

  /**
   * The signed-in guest's order history at every restaurant, newest first, `ORDER_HISTORY_POLICY.pageSize`
   * (20) a page: `{ orders: OrderHistoryItem[], nextCursor }`; pass `nextCursor` back as `cursor`
   * for the next page (null on the last). Each order carries its restaurant's name, status, total
   * (paise), placing time (ISO UTC), lines, and its table's code while the guest can still order
   * there. Errors: BAD_REQUEST for a cursor this procedure did not give; UNAUTHORIZED signed out.
   */
  mine: guestProcedure.input(myOrdersInput).query(({ ctx, input }) => myOrders(ctx.guest, input)),

  /** One of the signed-in guest's orders. Errors: NOT_FOUND for a missing order or another guest's. */
  get: guestProcedure.input(orderIdInput).query(({ ctx, input }) => ownOrder(ctx.services, ctx.guest, input)),

  /**
   * When one of the guest's orders will be ready: `{ earliestAt, latestAt }` (ISO-8601 UTC), from
   * the tickets ahead of it per station and its dishes' prep times in the restaurant's history
   * (the model: @tabletap/core/eta); null once it is ready, served, cancelled or rejected.
   * Computed at each read (ask again on each order event, and every `ETA_POLICY.refreshSeconds`).
   * Errors: NOT_FOUND as `get`.
   */
  eta: guestProcedure.input(orderIdInput).query(({ ctx, input }) => orderEta(ctx.services, ctx.guest, input)),

  /**
   * Live updates of one of the guest's orders over SSE: every change as the full `OrderView`,
   * each with a tracked event id. Without `lastEventId` it replays the order's history from its
   * first event, so the last value received is always current; with it, a reconnecting client
   * gets exactly what it missed. Errors: NOT_FOUND as `get`.
   */
  onUpdate: guestProcedure
    .input(orderSubscriptionInput)
    .subscription(async ({ ctx, input, signal }) =>
      trackedEvents(await followOwnOrder(ctx.services, ctx.guest, input, whileSignedIn(ctx, "guest", signal))),
    ),
} satisfies TRPCRouterRecord;
