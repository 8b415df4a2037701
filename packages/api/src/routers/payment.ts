import { paymentStartInput, paymentVerifyInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure } from "../trpc";
import { startPayment, verifyPayment } from "../use-cases/payments";

/** Guests paying their table's tab: online with Razorpay Checkout, or at the counter. */
export const paymentRouter = {
  /**
   * Starts paying part of the table's open tab: `split` is the whole bill (`full`), part
   * `partIndex` of `parts` equal parts (1–20), or chosen lines (`items`, "orderId:index"); `tip`
   * is paise (a non-negative integer, at most the share) or `{ percent: 0 | 5 | 10 }`, untaxed.
   * The server computes every amount (paise) from the live tab, and holds the part for this payer
   * so nobody else pays it meanwhile (an online hold lapses after 15 minutes). `online` answers
   * `checkout` (the Razorpay order for the share's total plus tip, and Checkout's options);
   * `counter` leaves the payment pending for staff. Idempotent per guest and `idempotencyKey`.
   *
   * Errors: NOT_FOUND when the guest has no open bill at this table; BAD_REQUEST for a bad tip
   * (negative, fractional, over the share), a bad split (0 or over 20 parts, items not on this
   * tab); CONFLICT when the part is already paid or held (items, an equal part), nothing is
   * left to pay, or the bill closed; BAD_GATEWAY when Razorpay can't take the order (nothing
   * charged). Nothing changes on an error.
   */
  start: guestProcedure
    .input(paymentStartInput)
    .mutation(({ ctx, input }) => startPayment(ctx.services, ctx.guest, input)),

  /**
   * Confirms an online payment with what Razorpay Checkout handed the browser: the order id must
   * be the payment's and the signature Razorpay's (HMAC-SHA256 of "order_id|payment_id" with the
   * key secret, checked by the SDK's `validatePaymentVerification`). Settles the payment (counted
   * once, also when the webhook settled it first) and answers it.
   *
   * Errors: NOT_FOUND for an unknown payment or another guest's; BAD_REQUEST for a mismatched
   * order id or a forged signature (nothing changes).
   */
  verify: guestProcedure
    .input(paymentVerifyInput)
    .mutation(({ ctx, input }) => verifyPayment(ctx.services, ctx.guest, input)),
} satisfies TRPCRouterRecord;
