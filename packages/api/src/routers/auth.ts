import {
  clearedSessionCookies,
  OtpError,
  SESSION_COOKIES,
  sessionCookies,
  verifyPassword,
  InvalidTokenError,
  LoginThrottledError,
  type Principal,
  type SessionAudience,
} from "@tabletap/auth";
import { OTP_POLICY, maskPhone, phoneInput, staffLoginInput, toE164, verifyOtpInput, type SessionView } from "@tabletap/core";
import { Customer, Staff } from "@tabletap/db";
import { otpSms } from "@tabletap/notify";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import type { Context } from "../trpc";
import { publicProcedure } from "../trpc";

function requirePhone(raw: string): string {
  const phone = toE164(raw);
  if (!phone) throw new TRPCError({ code: "BAD_REQUEST", message: "Enter a valid mobile number, e.g. 98765 43210." });
  return phone;
}

function otpErrorToTRPC(error: unknown): never {
  if (error instanceof OtpError) {
    const tooMany = error.code === "RATE_LIMITED" || error.code === "COOLDOWN";
    throw new TRPCError({ code: tooMany ? "TOO_MANY_REQUESTS" : "BAD_REQUEST", message: error.message, cause: error });
  }
  throw error;
}

async function startSession(ctx: Context, audience: SessionAudience, principal: Principal): Promise<void> {
  const { tokens, env } = ctx.services;
  const pair = { accessToken: tokens.signAccessToken(principal), refreshToken: await tokens.signRefreshToken(principal) };
  for (const cookie of sessionCookies(audience, pair, env.NODE_ENV === "production")) ctx.resHeaders.append("set-cookie", cookie);
}

function tryPrincipal(ctx: Context, audience: SessionAudience): Principal | null {
  try {
    return ctx.services.tokens.verifyAccessToken(ctx.cookies[SESSION_COOKIES[audience].access]);
  } catch {
    return null;
  }
}

/** Sign-in for guests (phone OTP) and staff (email + password), session refresh and sign-out. */
export const authRouter = {
  /**
   * Sends a 6-digit sign-in code by SMS to `phone` (any common format; default region IN).
   * Returns the E.164 number, a masked form for display, and the code's lifetime and resend
   * cooldown in seconds. Errors: BAD_REQUEST for an invalid number; TOO_MANY_REQUESTS within
   * the 30 s cooldown or past the per-phone / per-IP hourly limits (OTP_POLICY in @tabletap/core).
   */
  requestOtp: publicProcedure.input(phoneInput).mutation(async ({ ctx, input }) => {
    const phone = requirePhone(input.phone);
    const { code, expiresInSeconds } = await ctx.services.otp.issue(phone, ctx.ip).catch(otpErrorToTRPC);
    await ctx.services.sms.send(phone, otpSms(code));
    return { phone, maskedPhone: maskPhone(phone), expiresInSeconds, resendAfterSeconds: OTP_POLICY.resendCooldownSeconds };
  }),

  /**
   * Checks the code; on success finds or creates the guest (`Customer` by phone) and sets the
   * guest session cookies (HttpOnly, SameSite=Lax; access 15 min, refresh 7 days).
   * Errors: BAD_REQUEST for a wrong, expired or exhausted code (3 misses burn it);
   * TOO_MANY_REQUESTS past the per-IP verification limit.
   */
  verifyOtp: publicProcedure.input(verifyOtpInput).mutation(async ({ ctx, input }) => {
    const phone = requirePhone(input.phone);
    await ctx.services.otp.verify(phone, input.code, ctx.ip).catch(otpErrorToTRPC);
    const customer = await Customer.findOneAndUpdate(
      { phone },
      { $setOnInsert: { phone }, $set: { lastSeenAt: new Date() } },
      { upsert: true, returnDocument: "after" },
    ).lean();
    if (!customer) throw new Error("Customer upsert returned nothing");
    await startSession(ctx, "guest", { kind: "guest", customerId: customer._id.toString(), phone });
    return { customer: { id: customer._id.toString(), phone, name: customer.name ?? null, email: customer.email ?? null } };
  }),

  /**
   * Staff sign-in with email and password (bcrypt); sets the staff session cookies.
   * Errors: UNAUTHORIZED "Wrong email or password" (the same for an unknown email, in the same
   * time); TOO_MANY_REQUESTS after 10 attempts for an email from one IP in 15 minutes.
   */
  staffLogin: publicProcedure.input(staffLoginInput).mutation(async ({ ctx, input }) => {
    await ctx.services.loginThrottle.attempt(input.email, ctx.ip).catch((error: unknown) => {
      if (error instanceof LoginThrottledError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message });
      throw error;
    });
    const staff = await Staff.findOne({ email: input.email, active: true }).lean();
    if (!(await verifyPassword(input.password, staff?.passwordHash)) || !staff) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password." });
    }
    await ctx.services.loginThrottle.succeeded(input.email, ctx.ip);
    await startSession(ctx, "staff", { kind: "staff", staffId: staff._id.toString(), restaurantId: staff.restaurantId.toString(), role: staff.role });
    return { staff: { id: staff._id.toString(), name: staff.name, email: staff.email, role: staff.role, restaurantId: staff.restaurantId.toString() } };
  }),

  /**
   * Rotates the session of the app the request came through: spends the refresh cookie and sets
   * a new access/refresh pair. Clients call it when a procedure answers UNAUTHORIZED, then retry.
   * Errors: UNAUTHORIZED when the refresh token is missing, expired or already used.
   */
  refresh: publicProcedure.mutation(async ({ ctx }) => {
    const names = SESSION_COOKIES[ctx.audience];
    try {
      const rotated = await ctx.services.tokens.rotate(ctx.cookies[names.refresh]);
      for (const cookie of sessionCookies(ctx.audience, rotated, ctx.services.env.NODE_ENV === "production")) ctx.resHeaders.append("set-cookie", cookie);
      return { ok: true as const };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new TRPCError({ code: "UNAUTHORIZED", message: error.message });
      throw error;
    }
  }),

  /** Signs out of the app the request came through: revokes its refresh token and clears its cookies. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.tokens.revoke(ctx.cookies[SESSION_COOKIES[ctx.audience].refresh]);
    for (const cookie of clearedSessionCookies(ctx.audience, ctx.services.env.NODE_ENV === "production")) ctx.resHeaders.append("set-cookie", cookie);
    return { ok: true as const };
  }),

  /** Who is signed in (guest and/or staff), from the access cookies; null where nobody is. */
  session: publicProcedure.query(async ({ ctx }): Promise<SessionView> => {
    const guest = tryPrincipal(ctx, "guest");
    const staff = tryPrincipal(ctx, "staff");
    const [customer, staffDoc] = await Promise.all([
      guest?.kind === "guest" ? Customer.findById(guest.customerId).lean() : null,
      staff?.kind === "staff" ? Staff.findById(staff.staffId).lean() : null,
    ]);
    return {
      guest: customer ? { id: customer._id.toString(), phone: customer.phone, name: customer.name ?? null, email: customer.email ?? null } : null,
      staff: staffDoc
        ? { id: staffDoc._id.toString(), name: staffDoc.name, email: staffDoc.email, role: staffDoc.role, restaurantId: staffDoc.restaurantId.toString() }
        : null,
    };
  }),
} satisfies TRPCRouterRecord;
