import { floorSettleInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { staffProcedure } from "../trpc";
import { settleAtCounter } from "../use-cases/payments";

/** The staff's floor view: every table, its bill and its requests (any staff member). */
export const floorRouter = {
  /**
   * Records `amount` paise taken at the counter (`method`: cash, card, UPI) for a table session:
   * it settles the session's pending "pay at the counter" payments oldest first while the amount
   * covers each one's total (tip included), and records the rest as a staff payment of what is
   * due. The session closes when nothing is left to pay. Answers the payments settled or
   * recorded.
   *
   * Errors: NOT_FOUND for an unknown session or another restaurant's; CONFLICT when the bill is
   * closed, or the amount is more than the pending counter payments plus what is due (nothing
   * changes).
   */
  settle: staffProcedure
    .input(floorSettleInput)
    .mutation(({ ctx, input }) => settleAtCounter(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
