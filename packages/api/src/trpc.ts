import { randomUUID } from "node:crypto";
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
import type { Logger } from "pino";
import { z, ZodError } from "zod";
import { clientAddress } from "./client-address";
import { ConflictError, ForbiddenError, NotSignedInError, retryAfterSeconds, toTRPCError } from "./errors";
import type { Services } from "./services";

/**
 * Per-request context: the services, the request's session tokens and client address, the app it
 * came through (`audience`: the guest app or the dashboard), its logger and the response headers
 * procedures add `Set-Cookie` to (through `setSession`).
 */
export interface Context {
  /** The process's services as this request sees them: their `log` is the request's (`log` below). */
  services: Services;
  audience: SessionAudience;
  /** The access token cookie of each audience, and the refresh token cookie of the request's audience. */
  tokens: { access: Record<SessionAudience, string | undefined>; refresh: string | undefined };
  /** The client's address, the key of per-client rate limits (`clientAddress`); "unknown" when the peer is not known. */
  ip: string;
  /** The request's id (`x-request-id`), on every line of `log`. */
  requestId: string;
  /** The request's logger: a pino child logger of the services' one, binding `requestId`. Procedures log through it. */
  log: Logger;
  resHeaders: Headers;
  /** Stores `pair` in `audience`'s session cookies (Secure in production), or clears them with null. */
  setSession(audience: SessionAudience, pair: TokenPair | null): void;
}

/**
 * Builds the context of one request from its headers, with the process's `services` (the route
 * handlers pass `getServices()`, tests their own). Connects MongoDB first (rejecting with the
 * driver's error when it is unreachable).
 * @param opts.peerAddress the socket's remote address (the route handler's `peerAddress`);
 *   with `X-Forwarded-For` and `TRUST_PROXY_HOPS` it gives `ip` (`clientAddress`).
 * @param opts.requestId the request's id (default: a new UUID).
 */
export async function createContext(
  services: Services,
  opts: {
    headers: Headers;
    resHeaders: Headers;
    audience: SessionAudience;
    peerAddress?: string;
    requestId?: string;
  },
): Promise<Context> {
  await services.connectDb();
  const requestId = opts.requestId ?? randomUUID();
  const log = services.log.child({ requestId });
  const cookies = readCookies(opts.headers.get("cookie"));
  const secure = services.env.NODE_ENV === "production";
  return {
    // What logs on the request's behalf (order deliveries) logs with its id too.
    services: { ...services, log, orderChanges: services.orderChanges.withLog(log) },
    audience: opts.audience,
    tokens: {
      access: { guest: cookies[SESSION_COOKIES.guest.access], staff: cookies[SESSION_COOKIES.staff.access] },
      refresh: cookies[SESSION_COOKIES[opts.audience].refresh],
    },
    ip: clientAddress({
      peer: opts.peerAddress,
      forwardedFor: opts.headers.get("x-forwarded-for"),
      trustedHops: services.env.TRUST_PROXY_HOPS,
    }),
    requestId,
    log,
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
    // Field-level messages for forms (schema issues, or a conflict that names its field); the
    // top-level message is already human (errorHandling).
    const fieldErrors =
      error.cause instanceof ZodError
        ? z.flattenError(error.cause).fieldErrors
        : error.cause instanceof ConflictError && error.cause.field
          ? { [error.cause.field]: [error.cause.message] }
          : null;
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

/**
 * The staff member or manager signed in on the request's staff access cookie (one Redis round
 * trip). Used by `staffProcedure` and by the dashboard's routes outside tRPC (the photo upload).
 * @throws NotSignedInError (through InvalidTokenError) without a live staff session.
 */
export async function signedInStaff(ctx: Context): Promise<StaffPrincipal> {
  const principal = await principalFrom(ctx, "staff");
  if (principal.kind !== "staff") throw new NotSignedInError("Staff sign-in required.");
  return { staffId: principal.staffId, restaurantId: principal.restaurantId, role: principal.role };
}

/**
 * Refuses staff who are not managers: the rule of `managerProcedure` and of the admin's routes
 * outside tRPC. @throws ForbiddenError unless `staff.role` is "manager".
 */
export function assertManager(staff: StaffPrincipal): void {
  if (staff.role !== "manager") throw new ForbiddenError("Only a manager can do this.");
}

/** A signed-in staff member or manager (staff access cookie). Adds `ctx.staff`, scoped to their restaurant. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: { staff: await signedInStaff(ctx) } }),
);

/**
 * A signed-in manager (a staff session with role "manager"): every `admin.*` procedure. Adds
 * `ctx.staff`, scoped to the manager's restaurant; ids of another restaurant answer NOT_FOUND.
 * @throws NotSignedInError without a staff session; ForbiddenError for staff who are not managers.
 */
export const managerProcedure = staffProcedure.use(({ ctx, next }) => {
  assertManager(ctx.staff);
  return next();
});

/** The signed-in guest of a guest procedure. */
export type GuestPrincipal = Omit<Extract<Principal, { kind: "guest" }>, "kind">;
/** The signed-in staff member of a staff procedure. */
export type StaffPrincipal = Omit<Extract<Principal, { kind: "staff" }>, "kind">;

/** How often a live stream checks that the session it was opened with is still live, milliseconds (the SSE ping interval). */
export const SESSION_RECHECK_MS = 10_000;

/**
 * An abort signal for a live stream of `audience`'s signed-in caller: it aborts when the request's
 * `signal` does, or when a check every `SESSION_RECHECK_MS` finds the session the stream was
 * opened with ended (sign-out, deactivated account, replayed refresh token), so such a stream
 * stops within 10 s instead of running on for the rest of the shift. The check tolerates an
 * expired access token (an open stream outlives its 15 minutes) and a Redis error (checked again next time).
 */
export function whileSignedIn(ctx: Context, audience: SessionAudience, signal: AbortSignal | undefined): AbortSignal {
  const ended = new AbortController();
  const timer = setInterval(() => {
    ctx.services.tokens.sessionLive(ctx.tokens.access[audience]).then(
      (live) => {
        if (!live) ended.abort(new NotSignedInError("Your session has ended. Please sign in again."));
      },
      (error: unknown) => ctx.log.warn({ err: error }, "could not check a live stream's session"),
    );
  }, SESSION_RECHECK_MS);
  timer.unref();
  const stream = signal ? AbortSignal.any([signal, ended.signal]) : ended.signal;
  stream.addEventListener("abort", () => clearInterval(timer), { once: true });
  return stream;
}

/**
 * A subscription's events as tRPC `tracked` events (the event id goes out as the SSE id, so a
 * reconnecting client resumes with `lastEventId`). Subscription resolvers await their use case
 * (where a domain error reaches the error mapping) and return this.
 */
export async function* trackedEvents<T>(events: AsyncIterable<BusEvent<T>>) {
  for await (const event of events) yield tracked(event.id, event.payload);
}
