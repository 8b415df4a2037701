import {
  OTP_POLICY,
  type RequestEmailVerificationInput,
  type SessionView,
  type UpdateProfileInput,
  type VerifyEmailInput,
} from "@tabletap/core";
import { Customer, toGuestView } from "@tabletap/db";
import { otpEmail } from "@tabletap/notify";
import { NotSignedInError } from "../errors";
import type { Context, GuestPrincipal } from "../trpc";

type GuestView = NonNullable<SessionView["guest"]>;

/** The guest as `auth.session` shows them. @throws NotSignedInError when the guest no longer exists. */
async function currentGuest(guest: GuestPrincipal): Promise<GuestView> {
  const customer = await Customer.findById(guest.customerId).lean();
  if (!customer) throw new NotSignedInError("Please sign in with your phone.");
  return toGuestView(customer);
}

/**
 * Sets (or, with "", clears) the email the guest wants receipts at. A new address is unverified
 * (nothing is sent to it until `verifyEmail`); saving the same address keeps its verification.
 * Returns the guest as `auth.session` shows them. @throws NotSignedInError when the guest no longer exists.
 */
export async function updateProfile(guest: GuestPrincipal, input: UpdateProfileInput): Promise<GuestView> {
  const email = input.email || null;
  const changed = await Customer.findOneAndUpdate(
    { _id: guest.customerId, email: { $ne: email } },
    { $set: { email, emailVerifiedAt: null } },
    { returnDocument: "after" },
  ).lean();
  return changed ? toGuestView(changed) : currentGuest(guest);
}

/**
 * Emails a 6-digit code to `email` so the guest can prove it is theirs (`verifyEmail`). Counts
 * against the guest's emails per hour (EMAIL_POLICY). Returns the address, the code's lifetime
 * and the resend cooldown in seconds.
 * @throws EmailLimitError past the guest's emails per hour; OtpError COOLDOWN within 30 s of the
 *   last code to the address, RATE_LIMITED past the per-IP code requests per hour (OTP_POLICY).
 */
export async function requestEmailVerification(
  ctx: Context,
  guest: GuestPrincipal,
  input: RequestEmailVerificationInput,
): Promise<{ email: string; expiresInSeconds: number; resendAfterSeconds: number }> {
  await ctx.services.emailLimit.consume(guest.customerId);
  const { code, expiresInSeconds } = await ctx.services.otp.issue(
    { purpose: "verify-email", customerId: guest.customerId, email: input.email },
    "email",
    ctx.ip,
  );
  await ctx.services.email.send({ to: input.email, ...otpEmail(code, "verify-email") });
  return { email: input.email, expiresInSeconds, resendAfterSeconds: OTP_POLICY.resendCooldownSeconds };
}

/**
 * Checks the code emailed to `email` (one atomic attempt; 3 misses burn it); on success `email`
 * becomes the guest's verified email: receipts go to it, and it can receive sign-in codes when
 * SMS fails. Returns the guest as `auth.session` shows them.
 * @throws OtpError for a wrong, expired or exhausted code, or past the per-IP verification
 *   limit; NotSignedInError when the guest no longer exists.
 */
export async function verifyEmail(ctx: Context, guest: GuestPrincipal, input: VerifyEmailInput): Promise<GuestView> {
  await ctx.services.otp.verify(
    { purpose: "verify-email", customerId: guest.customerId, email: input.email },
    input.code,
    ctx.ip,
  );
  const customer = await Customer.findByIdAndUpdate(
    guest.customerId,
    { $set: { email: input.email, emailVerifiedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (!customer) throw new NotSignedInError("Please sign in with your phone.");
  return toGuestView(customer);
}
