import { paymentsListInput, refundInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { listPayments, refundPayment } from "../../use-cases/refunds";

/** The day's payments and their refunds (managers). */
export const adminPaymentsRouter = {
  /**
   * The payments started on `businessDate` ("YYYY-MM-DD", the restaurant's time zone; default
   * today), newest first, 50 a page (`cursor`: the previous page's `nextCursor`). Amounts in paise.
   */
  list: managerProcedure
    .input(paymentsListInput)
    .query(({ ctx, input }) => listPayments(ctx.services, ctx.staff, input)),

  /**
   * Refunds `amount` paise (> 0) of a paid payment with a reason (3–200 characters): online
   * through Razorpay (pending until Razorpay processes it), at the counter recorded at once.
   * Audited. Errors: NOT_FOUND for an unknown payment or another restaurant's; CONFLICT (field
   * `amount`) when it isn't paid or the amount is more than total − refunded; BAD_GATEWAY when
   * Razorpay refuses (nothing refunded).
   */
  refund: managerProcedure
    .input(refundInput)
    .mutation(({ ctx, input }) => refundPayment(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
