import type { SessionView, UpdateProfileInput } from "@tabletap/core";
import { Customer, toGuestView } from "@tabletap/db";
import { NotSignedInError } from "../errors";
import type { GuestPrincipal } from "../trpc";

/**
 * Sets (or, with "", clears) the email the guest wants order confirmations at. Returns the guest
 * as `auth.session` shows them. @throws NotSignedInError when the guest no longer exists.
 */
export async function updateProfile(
  guest: GuestPrincipal,
  input: UpdateProfileInput,
): Promise<NonNullable<SessionView["guest"]>> {
  const customer = await Customer.findByIdAndUpdate(
    guest.customerId,
    { $set: { email: input.email || null } },
    { returnDocument: "after" },
  ).lean();
  if (!customer) throw new NotSignedInError("Please sign in with your phone.");
  return toGuestView(customer);
}
