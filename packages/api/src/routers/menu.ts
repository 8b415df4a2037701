import { menuSubscriptionInput, tableMenuInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure, trackedEvents } from "../trpc";
import { menuEstimate } from "../use-cases/eta";
import { followMenu, tableMenu } from "../use-cases/menu";

/** The guest-facing menu. */
export const menuRouter = {
  /**
   * The restaurant, table and live menu a table's QR code points at: categories in menu order,
   * each with its items (86'd items included with `available: false`, so guests see them greyed
   * out); prices in paise. Errors: NOT_FOUND "This table's code isn't valid" for an unknown or
   * inactive code.
   */
  forTable: publicProcedure.input(tableMenuInput).query(({ ctx, input }) => tableMenu(ctx.services, input)),

  /**
   * How long an order placed now would take, for a guest before ordering:
   * `{ earliestMinutes, latestMinutes, backlogMinutes, overloaded }` (whole minutes from now;
   * `overloaded` when the kitchen's backlog is past the manager's `kitchenBacklogWarnMinutes`).
   * From the restaurant's own prep times and the tickets open now (the model: @tabletap/core/eta).
   * Errors: NOT_FOUND "This table's code isn't valid" for an unknown or inactive code.
   */
  estimate: publicProcedure.input(tableMenuInput).query(({ ctx, input }) => menuEstimate(ctx.services, input)),

  /**
   * Live menu changes of the restaurant a table's QR code points at, over SSE: one
   * `{ restaurantId, at }` event (`at` ISO-8601 UTC) each time the manager changes the menu,
   * the tables or the restaurant's settings (prices, 86, new items, pause ordering); the guest
   * app refetches `forTable` on each. Tracked event ids: a reconnecting client passes
   * `lastEventId` and receives what it missed. The stream ends after the event that deactivated
   * the table. Errors: NOT_FOUND "This table's code isn't valid" for an unknown or inactive
   * code; BAD_REQUEST for a `lastEventId` that is not a stream id.
   */
  onChange: publicProcedure
    .input(menuSubscriptionInput)
    .subscription(async ({ ctx, input, signal }) => trackedEvents(await followMenu(ctx.services, input, signal))),
} satisfies TRPCRouterRecord;
