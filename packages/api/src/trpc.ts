import {
  clearedSessionCookies,
  readCookies,
  SESSION_COOKIES,
  sessionCookies,
  type Principal,
  type SessionAudience,
  type TokenPair,
} from "@tabletap/auth";
import type { BusEvent } from "@tabletap/realtime";
import { initTRPC, tracked, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { NotSignedInError, retryAfterSeconds, toTRPCError } from "./errors";
import type { Services } from "./services";

/**
 * Per-request context: the services, the request's session tokens and client IP, the app it came
 * through (`audience`: the guest app or the dashboard) and the response headers procedures add
 * `Set-Cookie` to (through `setSession`).
 */
export interface Context {
  services: Services;
  audience: SessionAudience;
  /** The access token cookie of each audience, and the refresh token cookie of the request's audience. */
  tokens: { access: Record<SessionAudience, string | undefined>; refresh: string | undefined };
  ip: string;
  resHeaders: Headers;
  /** Stores `pair` in `audience`'s session cookies (Secure in production), or clears them with null. */
  setSession(audience: SessionAudience, pair: TokenPair | null): void;
}

/**
 * Builds the context of one request from its headers, with the process's `services` (the route
 * handlers pass `getServices()`, tests their own). Connects MongoDB first (rejecting with the
 * driver's error when it is unreachable). The client IP is the socket peer the platform reports,
 * or the first `X-Forwarded-For` hop when `TRUST_PROXY` is on.
 */
export async function createContext(
  services: Services,
  opts: { headers: Headers; resHeaders: Headers; audience: SessionAudience; ip?: string },
): Promise<Context> {
  await services.connectDb();
  const forwarded = services.env.TRUST_PROXY ? opts.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const cookies = readCookies(opts.headers.get("cookie"));
  const secure = services.env.NODE_ENV === "production";
  return {
    services,
    audience: opts.audience,
    tokens: {
      access: { guest: cookies[SESSION_COOKIES.guest.access], staff: cookies[SESSION_COOKIES.staff.access] },
      refresh: cookies[SESSION_COOKIES[opts.audience].refresh],
    },
    ip: forwarded || opts.ip || "unknown",
    resHeaders: opts.resHeaders,
    setSession(audience, pair) {
      const values = pair ? sessionCookies(audience, pair, secure) : clearedSessionCookies(audience, secure);
      for (const cookie of values) opts.resHeaders.append("set-cookie", cookie);
    },
  };
}

const t = initTRPC.context<Context>().create({
  sse: {
    // Keeps proxies from closing idle streams; clients reconnect if they hear nothing for 20 s.
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 20_000 },
  },
  errorFormatter({ shape, error }) {
    // Field-level messages for forms; the top-level message is already human (errorHandling).
    const fieldErrors = error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null;
    // Unexpected errors are logged in full (see `logApiError`); clients get no internals.
    const message =
      error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : shape.message;
    return { ...shape, message, data: { ...shape.data, fieldErrors } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The API's one error mapping, for HTTP clients and server-side callers alike: bad input becomes
 * BAD_REQUEST with a human message (the first validation issue, e.g. "Quantity must be between
 * 1 and 50"); domain errors become their tRPC error through `toTRPCError`, and those that say
 * when to try again set `Retry-After` (`retryAfterSeconds`).
 */
const errorHandling = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  const issues = (error.cause as { issues?: { message?: string }[] } | undefined)?.issues;
  if (error.code === "BAD_REQUEST" && Array.isArray(issues)) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: issues[0]?.message ?? "That request isn't valid.",
      cause: error.cause,
    });
  }
  // A domain error thrown by a use case arrives wrapped as INTERNAL_SERVER_ERROR with it as the cause.
  if (error.code === "INTERNAL_SERVER_ERROR" && error.cause) {
    const retryAfter = retryAfterSeconds(error.cause);
    if (retryAfter !== null) ctx.resHeaders.set("retry-after", String(retryAfter));
    throw toTRPCError(error.cause);
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorHandling);

/**
 * The principal of `audience`'s access cookie while its session is live (one Redis round trip).
 * @throws InvalidTokenError when it is missing, expired or forged, or its session has ended.
 */
function principalFrom(ctx: Context, audience: SessionAudience): Promise<Principal> {
  return ctx.services.tokens.verifyAccessToken(ctx.tokens.access[audience]);
}

/** A guest signed in with a verified phone (guest access cookie). Adds `ctx.guest`. */
export const guestProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const principal = await principalFrom(ctx, "guest");
  if (principal.kind !== "guest") throw new NotSignedInError("Please sign in with your phone.");
  return next({ ctx: { guest: { customerId: principal.customerId, phone: principal.phone } } });
});

/** A signed-in staff member or manager (staff access cookie). Adds `ctx.staff`, scoped to their restaurant. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const principal = await principalFrom(ctx, "staff");
  if (principal.kind !== "staff") throw new NotSignedInError("Staff sign-in required.");
  return next({
    ctx: { staff: { staffId: principal.staffId, restaurantId: principal.restaurantId, role: principal.role } },
  });
});

/** The signed-in guest of a guest procedure. */
export type GuestPrincipal = Omit<Extract<Principal, { kind: "guest" }>, "kind">;
/** The signed-in staff member of a staff procedure. */
export type StaffPrincipal = Omit<Extract<Principal, { kind: "staff" }>, "kind">;

/**
 * A subscription's events as tRPC `tracked` events (the event id goes out as the SSE id, so a
 * reconnecting client resumes with `lastEventId`). Subscription resolvers await their use case
 * (where a domain error reaches the error mapping) and return this.
 */
export async function* trackedEvents<T>(events: AsyncIterable<BusEvent<T>>) {
  for await (const event of events) yield tracked(event.id, event.payload);
}
