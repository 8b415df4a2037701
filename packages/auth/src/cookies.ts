import { parseCookie, stringifySetCookie } from "cookie";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, type TokenPair } from "./tokens";

/**
 * Session cookies. Guests and staff get separate cookie pairs: both apps may share a host
 * (cookies ignore ports), and a staff tablet must never act as a guest or the reverse.
 */
export const SESSION_COOKIES = {
  guest: { access: "tt_guest_at", refresh: "tt_guest_rt" },
  staff: { access: "tt_staff_at", refresh: "tt_staff_rt" },
} as const;
export type SessionAudience = keyof typeof SESSION_COOKIES;

/** Parses a `Cookie` request header into name → value. */
export function readCookies(header: string | null | undefined): Record<string, string | undefined> {
  return header ? parseCookie(header) : {};
}

/**
 * `Set-Cookie` values that store a token pair: HttpOnly, SameSite=Lax, Path=/, Secure when
 * `secure` (production); Max-Age 15 min for the access token, 7 days for the refresh token.
 */
export function sessionCookies(audience: SessionAudience, tokens: TokenPair, secure: boolean): string[] {
  const names = SESSION_COOKIES[audience];
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return [
    stringifySetCookie({ ...base, name: names.access, value: tokens.accessToken, maxAge: ACCESS_TOKEN_TTL_SECONDS }),
    stringifySetCookie({ ...base, name: names.refresh, value: tokens.refreshToken, maxAge: REFRESH_TOKEN_TTL_SECONDS }),
  ];
}

/** `Set-Cookie` values that delete an audience's token pair (sign-out). */
export function clearedSessionCookies(audience: SessionAudience, secure: boolean): string[] {
  const names = SESSION_COOKIES[audience];
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secure, maxAge: 0 };
  return [
    stringifySetCookie({ ...base, name: names.access, value: "" }),
    stringifySetCookie({ ...base, name: names.refresh, value: "" }),
  ];
}
