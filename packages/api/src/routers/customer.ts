import { requestEmailVerificationInput, updateProfileInput, verifyEmailInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure } from "../trpc";
import { requestEmailVerification, updateProfile, verifyEmail } from "../use-cases/customer";

/** The signed-in guest's own profile. */
export const customerRouter = {
  /**
   * Sets (or, with "", clears) the email the guest wants order confirmations at. A new address
   * is unverified: the worker emails receipts only to a verified one (`requestEmailVerification`,
   * then `verifyEmail`); saving the same address keeps its verification. Returns the guest as
   * `auth.session` does. Errors: BAD_REQUEST for a malformed address.
   */
  updateProfile: guestProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.guest, input)),

  /**
   * Emails a 6-digit code to `email` (through SES) for `verifyEmail`; the code lasts 5 minutes.
   * Returns `{ email, expiresInSeconds, resendAfterSeconds }`. Errors: BAD_REQUEST for a
   * malformed address; TOO_MANY_REQUESTS within 30 s of the last code to the address, past the
   * per-IP code requests (OTP_POLICY) or past the guest's emails per hour (EMAIL_POLICY: codes
   * and receipts together).
   */
  requestEmailVerification: guestProcedure
    .input(requestEmailVerificationInput)
    .mutation(({ ctx, input }) => requestEmailVerification(ctx, ctx.guest, input)),

  /**
   * Checks the code emailed to `email`; on success it becomes the guest's verified email
   * (receipts, and sign-in codes when SMS fails: `auth.requestOtp` with `channel: "email"`).
   * Returns the guest as `auth.session` does. Errors: BAD_REQUEST for a wrong, expired or
   * exhausted code (3 misses burn it) or a code sent to another address; TOO_MANY_REQUESTS past
   * the per-IP verification limit.
   */
  verifyEmail: guestProcedure.input(verifyEmailInput).mutation(({ ctx, input }) => verifyEmail(ctx, ctx.guest, input)),
} satisfies TRPCRouterRecord;
