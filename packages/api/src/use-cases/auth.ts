import { InvalidTokenError, verifyPassword, type Principal } from "@tabletap/auth";
import {
  OTP_POLICY,
  countryNames,
  maskEmail,
  maskPhone,
  phoneCountry,
  toE164,
  type OtpChannel,
  type RequestOtpInput,
  type SessionView,
  type StaffLoginInput,
  type VerifyOtpInput,
} from "@tabletap/core";
import {
  Customer,
  hasVerifiedEmail,
  phoneCountriesOf,
  Restaurant,
  Staff,
  toGuestView,
  toStaffView,
  type StaffDoc,
} from "@tabletap/db";
import { otpEmail, otpSms } from "@tabletap/notify";
import { InvalidInputError, NotSignedInError } from "../errors";
import type { Context } from "../trpc";
import { findActiveTable } from "./tables";

/** The session as `auth.session` answers it: who is signed in, and whether the request's app can renew its session. */
export interface SessionState extends SessionView {
  /**
   * True when nobody is signed in for the request's app (`audience`) but its refresh cookie is
   * left (the 15-minute access cookie expired): the client should call `auth.refresh`, then ask again.
   */
  renewable: boolean;
}

/** `raw` in E.164. @throws InvalidInputError when it is not a valid mobile number. */
function requirePhone(raw: string): string {
  const phone = toE164(raw);
  if (!phone) throw new InvalidInputError("Enter a valid mobile number, e.g. 98765 43210.");
  return phone;
}

/** Signs `principal` in: a new session (`TokenService.startSession`), its token pair in the session cookies of its app. */
async function startSession(ctx: Context, principal: Principal): Promise<void> {
  ctx.setSession(principal.kind, await ctx.services.tokens.startSession(principal));
}

/** The principal a staff account signs in as: its current role and restaurant. */
function staffPrincipal(staff: StaffDoc): Principal {
  return {
    kind: "staff",
    staffId: staff._id.toString(),
    restaurantId: staff.restaurantId.toString(),
    role: staff.role,
  };
}

/**
 * `principal` as its account is now, for a session refresh: a staff member's current role and
 * restaurant, or null once the account is deleted or deactivated; a guest, or null once the
 * customer is deleted.
 */
async function currentPrincipal(principal: Principal): Promise<Principal | null> {
  if (principal.kind === "guest") {
    const customer = await Customer.findById(principal.customerId, { phone: 1 }).lean();
    return customer ? { kind: "guest", customerId: principal.customerId, phone: customer.phone } : null;
  }
  const staff = await Staff.findById(principal.staffId).lean();
  return staff?.active ? staffPrincipal(staff) : null;
}

/** What `auth.requestOtp` answers: where the code went (masked) and when it expires and may be resent. */
export interface OtpSent {
  /** The number signing in, E.164. */
  phone: string;
  maskedPhone: string;
  channel: OtpChannel;
  /** Where the code went, masked: the phone ("+91 ••••• ••210") or the verified email ("a•••@example.com"). */
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/**
 * The countries whose numbers may be texted a sign-in code: at a table, its restaurant's
 * (`phoneCountriesOf`: its `allowedPhoneCountries`, default its own country); without a table
 * code, the platform's `OTP_ALLOWED_COUNTRIES`. @throws NotFoundError for an unknown table code.
 */
async function textableCountries(ctx: Context, tableCode: string | undefined): Promise<string[]> {
  if (!tableCode) return ctx.services.env.OTP_ALLOWED_COUNTRIES;
  const table = await findActiveTable(ctx.services, tableCode);
  const restaurant = await Restaurant.findById(table.restaurantId, { country: 1, allowedPhoneCountries: 1 }).lean();
  return phoneCountriesOf(restaurant ?? {});
}

/**
 * Sends a 6-digit sign-in code for `phone` (any common format; default region IN): by SMS
 * (`channel` "sms", the default) when the number is from a country allowed where the guest signs
 * in (`tableCode`'s restaurant, else `OTP_ALLOWED_COUNTRIES`), or, as the fallback when texts
 * don't arrive, to the guest's verified email (`channel` "email"). Either code signs in through
 * `verifyOtp`; a new code replaces the last one.
 * @throws InvalidInputError for an invalid number, a number from a country not allowed (SMS), or a
 *   number without a verified email (email); NotFoundError for an unknown table code; OtpError
 *   RATE_LIMITED / COOLDOWN within the 30 s cooldown per channel or past the hourly limits
 *   (OTP_POLICY: per phone, per IP, texts per number prefix); EmailLimitError past the guest's
 *   emails per hour (EMAIL_POLICY).
 */
export async function requestOtp(ctx: Context, input: RequestOtpInput): Promise<OtpSent> {
  const phone = requirePhone(input.phone);
  const sent = (channel: OtpChannel, sentTo: string, expiresInSeconds: number): OtpSent => ({
    phone,
    maskedPhone: maskPhone(phone),
    channel,
    sentTo,
    expiresInSeconds,
    resendAfterSeconds: OTP_POLICY.resendCooldownSeconds,
  });
  if (input.channel === "email") {
    const customer = await Customer.findOne({ phone }).lean();
    if (!customer || !hasVerifiedEmail(customer))
      throw new InvalidInputError("This number has no verified email. Ask for the code by SMS.");
    await ctx.services.emailLimit.consume(customer._id.toString());
    const { code, expiresInSeconds } = await ctx.services.otp.issue({ purpose: "sign-in", phone }, "email", ctx.ip);
    await ctx.services.email.send({ to: customer.email, ...otpEmail(code, "sign-in") });
    return sent("email", maskEmail(customer.email), expiresInSeconds);
  }
  const allowed = await textableCountries(ctx, input.tableCode);
  const country = phoneCountry(phone);
  if (!country || !allowed.includes(country))
    throw new InvalidInputError(`We can only text numbers from ${countryNames(allowed)} here.`);
  const { code, expiresInSeconds } = await ctx.services.otp.issue({ purpose: "sign-in", phone }, "sms", ctx.ip);
  await ctx.services.sms.send(phone, otpSms(code));
  return sent("sms", maskPhone(phone), expiresInSeconds);
}

/**
 * Checks the code, whichever channel sent it (one atomic attempt: at most 3 guesses are compared
 * per code, however many arrive at once); on success finds or creates the guest (`Customer` by
 * phone) and sets the guest session cookies (HttpOnly, SameSite=Lax; access 15 min, refresh 7 days).
 * @throws InvalidInputError for an invalid number; OtpError for a wrong, expired or exhausted code
 *   (3 misses burn it) or past the per-IP verification limit.
 */
export async function verifyOtp(
  ctx: Context,
  input: VerifyOtpInput,
): Promise<{ customer: NonNullable<SessionView["guest"]> }> {
  const phone = requirePhone(input.phone);
  await ctx.services.otp.verify({ purpose: "sign-in", phone }, input.code, ctx.ip);
  const customer = await Customer.findOneAndUpdate(
    { phone },
    { $setOnInsert: { phone }, $set: { lastSeenAt: new Date() } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  if (!customer) throw new Error("Customer upsert returned nothing");
  await startSession(ctx, { kind: "guest", customerId: customer._id.toString(), phone });
  return { customer: toGuestView(customer) };
}

/**
 * Staff sign-in with email and password (bcrypt); sets the staff session cookies.
 * @throws NotSignedInError "Wrong email or password." (the same for an unknown email, in the
 *   same time); LoginThrottledError after 10 attempts for an email from one IP in 15 minutes.
 */
export async function staffLogin(
  ctx: Context,
  input: StaffLoginInput,
): Promise<{ staff: NonNullable<SessionView["staff"]> }> {
  await ctx.services.loginThrottle.attempt(input.email, ctx.ip);
  const staff = await Staff.findOne({ email: input.email, active: true }).lean();
  if (!(await verifyPassword(input.password, staff?.passwordHash)) || !staff)
    throw new NotSignedInError("Wrong email or password.");
  await ctx.services.loginThrottle.succeeded(input.email, ctx.ip);
  await startSession(ctx, staffPrincipal(staff));
  return { staff: toStaffView(staff) };
}

/**
 * Rotates the session of the request's app: spends its refresh cookie and sets a new pair, for
 * the account as it is now (a staff member's current role and restaurant). A deleted or
 * deactivated account's session is ended instead.
 * @throws InvalidTokenError when the refresh token is missing, expired or its session has ended;
 *   when it was already used (a replay, which ends the session: RFC 9700 §4.14.2); or when the
 *   account is deleted or deactivated.
 */
export async function refreshSession(ctx: Context): Promise<{ ok: true }> {
  ctx.setSession(ctx.audience, await ctx.services.tokens.rotate(ctx.tokens.refresh, currentPrincipal));
  return { ok: true };
}

/**
 * Signs out of the request's app: ends its session (its access and refresh tokens are refused
 * from then on, on every copy) and clears its cookies.
 */
export async function logout(ctx: Context): Promise<{ ok: true }> {
  await ctx.services.tokens.endSession({
    accessToken: ctx.tokens.access[ctx.audience],
    refreshToken: ctx.tokens.refresh,
  });
  ctx.setSession(ctx.audience, null);
  return { ok: true };
}

/** The principal of `token`, or null when it is missing, expired, forged or its session has ended. */
async function principalOrNull(ctx: Context, token: string | undefined): Promise<Principal | null> {
  try {
    return await ctx.services.tokens.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) return null;
    throw error;
  }
}

/**
 * Who is signed in (guest and/or staff) from the access cookies, null where nobody is, and whether
 * the request's app can renew its session. Rejects when Redis (the session store) is unreachable,
 * rather than report a signed-in user as signed out.
 */
export async function currentSession(ctx: Context): Promise<SessionState> {
  const [guest, staff] = await Promise.all([
    principalOrNull(ctx, ctx.tokens.access.guest),
    principalOrNull(ctx, ctx.tokens.access.staff),
  ]);
  const [customer, staffDoc] = await Promise.all([
    guest?.kind === "guest" ? Customer.findById(guest.customerId).lean() : null,
    staff?.kind === "staff" ? Staff.findById(staff.staffId).lean() : null,
  ]);
  const session: SessionView = {
    guest: customer ? toGuestView(customer) : null,
    staff: staffDoc ? toStaffView(staffDoc) : null,
  };
  return { ...session, renewable: !session[ctx.audience] && Boolean(ctx.tokens.refresh) };
}
