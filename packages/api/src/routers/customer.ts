import { updateProfileInput, type SessionView } from "@tabletap/core";
import { Customer } from "@tabletap/db";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { guestProcedure } from "../trpc";

/** The signed-in guest's own profile. */
export const customerRouter = {
  /**
   * Sets (or, with "", clears) the email the guest wants order confirmations at; the worker
   * emails the receipt through SES when an order is accepted. Returns the guest as
   * `auth.session` does. Errors: BAD_REQUEST for a malformed address.
   */
  updateProfile: guestProcedure.input(updateProfileInput).mutation(async ({ ctx, input }): Promise<NonNullable<SessionView["guest"]>> => {
    const customer = await Customer.findByIdAndUpdate(ctx.guest.customerId, { $set: { email: input.email || null } }, { returnDocument: "after" }).lean();
    if (!customer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in with your phone." });
    return { id: customer._id.toString(), phone: customer.phone, name: customer.name ?? null, email: customer.email ?? null };
  }),
} satisfies TRPCRouterRecord;
