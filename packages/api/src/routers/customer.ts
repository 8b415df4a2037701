import { updateProfileInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure } from "../trpc";
import { updateProfile } from "../use-cases/customer";

/** The signed-in guest's own profile. */
export const customerRouter = {
  /**
   * Sets (or, with "", clears) the email the guest wants order confirmations at; the worker
   * emails the receipt through SES when an order is accepted. Returns the guest as
   * `auth.session` does. Errors: BAD_REQUEST for a malformed address.
   */
  updateProfile: guestProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.guest, input)),
} satisfies TRPCRouterRecord;
