import { requestOtpInput, staffLoginInput, verifyOtpInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";
import { currentSession, logout, refreshSession, requestOtp, staffLogin, verifyOtp } from "../use-cases/auth";

/** Sign-in for guests (phone OTP) and staff (email + password), session refresh and sign-out. */
export const authRouter = {
  /**
   * Sends a 6-digit sign-in code for `phone` (any common format; default region IN). By SMS
   * (`channel` "sms", the default) only to numbers from the countries allowed where the guest
   * signs in: `tableCode`'s restaurant (`allowedPhoneCountries`, default its own country), or
   * without one the platform's `OTP_ALLOWED_COUNTRIES`. With `channel` "email" (the fallback when
   * texts don't arrive) to the guest's verified email. Returns the E.164 number, the masked
   * destination (`sentTo`), and the code's lifetime and resend cooldown in seconds.
   * Errors: BAD_REQUEST for an invalid number, a country not allowed ("We can only text numbers
   * from India here.") or, by email, a number without a verified email; NOT_FOUND for an unknown
   * table code; TOO_MANY_REQUESTS within the 30 s cooldown (per channel) or past the hourly
   * limits (OTP_POLICY: per phone, per IP, texts per number prefix; EMAIL_POLICY: emails per guest).
   */
  requestOtp: publicProcedure.input(requestOtpInput).mutation(({ ctx, input }) => requestOtp(ctx, input)),

  /**
   * Checks the code, whichever channel sent it; at most 3 guesses are compared per code, however
   * many arrive at once (one atomic step in Redis). On success finds or creates the guest
   * (`Customer` by phone) and sets the guest session cookies (HttpOnly, SameSite=Lax; access
   * 15 min, refresh 7 days).
   * Errors: BAD_REQUEST for a wrong, expired or exhausted code (3 misses burn it);
   * TOO_MANY_REQUESTS past the per-IP verification limit.
   */
  verifyOtp: publicProcedure.input(verifyOtpInput).mutation(({ ctx, input }) => verifyOtp(ctx, input)),

  /**
   * Staff sign-in with email and password (bcrypt); sets the staff session cookies.
   * Errors: UNAUTHORIZED "Wrong email or password" (the same for an unknown email, in the same
   * time); TOO_MANY_REQUESTS after 10 attempts for an email from one IP in 15 minutes.
   */
  staffLogin: publicProcedure.input(staffLoginInput).mutation(({ ctx, input }) => staffLogin(ctx, input)),

  /**
   * Rotates the session of the app the request came through: spends the refresh cookie and sets
   * a new access/refresh pair for the account as it is now (a staff member's current role and
   * restaurant). Clients call it when a procedure answers UNAUTHORIZED, then retry.
   * Errors: UNAUTHORIZED when the refresh token is missing, expired or its session has ended; when
   * it was already used (a replay, which also ends its session: RFC 9700 §4.14.2); or when the
   * account was deleted or deactivated (which ends the session too).
   */
  refresh: publicProcedure.mutation(({ ctx }) => refreshSession(ctx)),

  /**
   * Signs out of the app the request came through: ends its session, so its access and refresh
   * tokens are refused from then on (any copy too), and clears its cookies.
   */
  logout: publicProcedure.mutation(({ ctx }) => logout(ctx)),

  /**
   * Who is signed in (guest and/or staff), from the access cookies; null where nobody is. With
   * `renewable`: true when nobody is signed in for the app the request came through but its
   * refresh cookie is left, so the client should call `auth.refresh` first.
   */
  session: publicProcedure.query(({ ctx }) => currentSession(ctx)),
} satisfies TRPCRouterRecord;
