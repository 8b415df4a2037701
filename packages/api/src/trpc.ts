import { SESSION_COOKIES, readCookies, InvalidTokenError, type Principal, type SessionAudience } from "@tabletap/auth";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { getServices, type Services } from "./services";

/**
 * Per-request context: the services, the request's cookies and client IP, the app it came
 * through (`audience`: the guest app or the dashboard) and the response headers procedures add
 * `Set-Cookie` to.
 */
export interface Context {
  services: Services;
  audience: SessionAudience;
  cookies: Record<string, string | undefined>;
  ip: string;
  resHeaders: Headers;
}

/**
 * Builds the context from a request's headers. The client IP is the socket peer the platform
 * reports, or the first `X-Forwarded-For` hop when `TRUST_PROXY` is on.
 */
export async function createContext(opts: { headers: Headers; resHeaders: Headers; audience: SessionAudience; ip?: string }): Promise<Context> {
  const services = getServices();
  await services.connectDb();
  const forwarded = services.env.TRUST_PROXY ? opts.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return {
    services,
    audience: opts.audience,
    cookies: readCookies(opts.headers.get("cookie")),
    ip: forwarded || opts.ip || "unknown",
    resHeaders: opts.resHeaders,
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
    // Unexpected errors are logged in full (errorHandling); clients get no internals.
    const message = error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : shape.message;
    return { ...shape, message, data: { ...shape.data, fieldErrors } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns bad input into BAD_REQUEST with a human message (the first validation issue, e.g.
 * "Quantity must be between 1 and 50") for HTTP clients and server-side callers alike, and logs
 * unexpected errors; other typed errors pass through untouched.
 */
const errorHandling = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const issues = (result.error.cause as { issues?: { message?: string }[] } | undefined)?.issues;
  if (result.error.code === "BAD_REQUEST" && Array.isArray(issues)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: issues[0]?.message ?? "That request isn't valid.", cause: result.error.cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.services.log.error({ err: result.error.cause ?? result.error, path }, "procedure failed");
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorHandling);

function principalFrom(ctx: Context, audience: SessionAudience): Principal {
  try {
    return ctx.services.tokens.verifyAccessToken(ctx.cookies[SESSION_COOKIES[audience].access]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new TRPCError({ code: "UNAUTHORIZED", message: error.message });
    throw error;
  }
}

/** A guest signed in with a verified phone (guest access cookie). Adds `ctx.guest`. */
export const guestProcedure = publicProcedure.use(({ ctx, next }) => {
  const principal = principalFrom(ctx, "guest");
  if (principal.kind !== "guest") throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in with your phone." });
  return next({ ctx: { guest: { customerId: principal.customerId, phone: principal.phone } } });
});

/** A signed-in staff member or manager (staff access cookie). Adds `ctx.staff`, scoped to their restaurant. */
export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  const principal = principalFrom(ctx, "staff");
  if (principal.kind !== "staff") throw new TRPCError({ code: "UNAUTHORIZED", message: "Staff sign-in required." });
  return next({ ctx: { staff: { staffId: principal.staffId, restaurantId: principal.restaurantId, role: principal.role } } });
});
