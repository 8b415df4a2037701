import { tabInput, tabSubscriptionInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { followGuestTab, guestTab } from "../use-cases/tab";

/** The table's tab (one bill per table session) as the guests at the table see it. */
export const tabRouter = {
  /**
   * The tab of the table the QR code names: the open session's rounds (by who ordered; each
   * line with its share of service charge and GST and whether it is paid or being paid), the
   * totals (total, paid, pending, due, tips; paise, computed by the server), payments, the equal
   * split under way and service requests (`TabView`). The signed-in guest joins the open
   * session. With no open session: `session: null` (nothing is opened). Errors: NOT_FOUND for
   * an unknown or inactive code; UNAUTHORIZED without a guest sign-in.
   */
  get: guestProcedure.input(tabInput).query(({ ctx, input }) => guestTab(ctx.services, ctx.guest, input)),

  /**
   * The tab live over SSE: the current `TabView` at once, then a fresh one after every change
   * (a round, an order's status, a payment, a service request, a guest joining), each with a
   * tracked event id; the stream ends after the view of the closed session (`session.status`
   * "closed"). Only for members of the table's open session (who opened its tab, ordered, or
   * called for service). Errors: NOT_FOUND "There's no open bill at this table." otherwise or
   * for an unknown or inactive code; BAD_REQUEST for a `lastEventId` that is not a stream id.
   */
  onUpdate: guestProcedure
    .input(tabSubscriptionInput)
    .subscription(async ({ ctx, input, signal }) =>
      trackedEvents(await followGuestTab(ctx.services, ctx.guest, input, whileSignedIn(ctx, "guest", signal))),
    ),
} satisfies TRPCRouterRecord;
