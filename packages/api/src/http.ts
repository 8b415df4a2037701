import type { SessionAudience } from "@tabletap/auth";
import { readDevOutbox } from "@tabletap/notify";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import { getServices, type Services } from "./services";
import { createCallerFactory, createContext } from "./trpc";

/**
 * Logs an error the API answered with: unexpected ones (INTERNAL_SERVER_ERROR, e.g. the database
 * down while building the context) at `error` with the full cause, the others (bad input, not
 * signed in...) at `info`. Each entry names the procedure `path` and its `type`.
 */
function logApiError(services: Services, opts: { error: TRPCError; path: string | undefined; type: string }): void {
  const { error, path, type } = opts;
  if (error.code === "INTERNAL_SERVER_ERROR")
    services.log.error({ err: error.cause ?? error, path, type }, "procedure failed");
  else services.log.info({ code: error.code, message: error.message, path, type }, "procedure answered an error");
}

/**
 * A Next.js route handler (GET and POST, Node runtime) that serves the API at `/api/trpc` for
 * one app: `audience` decides which session cookies `auth.refresh` and `auth.logout` act on.
 * Every error is logged (`logApiError`), including one raised while building the context.
 */
export function createTrpcRouteHandler(audience: SessionAudience) {
  return (req: Request) => {
    const services = getServices();
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext(services, { headers: req.headers, resHeaders, audience }),
      onError: ({ error, path, type }) => logApiError(services, { error, path, type }),
    });
  };
}

/**
 * `GET /api/dev/outbox[?to=+919876543210]`: the SMS messages the local SMS driver recorded
 * (JSON array, newest first, at most 50), all of them or only those to one E.164 number, so a
 * developer or a test can read a sign-in code without a phone. Answers 404 in production,
 * where SMS go through Twilio.
 */
export async function devOutboxRouteHandler(req: Request): Promise<Response> {
  const services = getServices();
  if (services.env.NODE_ENV === "production") return new Response("Not found", { status: 404 });
  const to = new URL(req.url).searchParams.get("to") ?? undefined;
  return Response.json(await readDevOutbox(services.redis, { limit: 50, to }), {
    headers: { "cache-control": "no-store" },
  });
}

/**
 * The Next.js instrumentation hook of both apps (called from their `src/instrumentation.ts` on
 * the Node.js runtime): builds the services at server start, so a production deployment with a
 * missing or default secret, or without Twilio credentials, fails to start instead of failing
 * its first request. Throws the env validation error synchronously; otherwise resolves at once.
 */
export function register(): Promise<void> {
  getServices();
  return Promise.resolve();
}

const createCaller = createCallerFactory(appRouter);

/**
 * The context of an in-process call made by a server component, as the requester (their
 * cookies) through one app's `audience`, on this process's services. Cookies a procedure sets
 * are dropped (see `createServerCaller`).
 */
export function createServerContext(headers: Headers, audience: SessionAudience) {
  return createContext(getServices(), { headers, resHeaders: new Headers(), audience });
}

/** A caller of the API for one request, through `audience`, whose errors are logged like the route handler's. */
async function callerFor(headers: Headers, resHeaders: Headers, audience: SessionAudience) {
  const services = getServices();
  const ctx = await createContext(services, { headers, resHeaders, audience });
  return {
    ctx,
    caller: createCaller(ctx, { onError: ({ error, path, type }) => logApiError(services, { error, path, type }) }),
  };
}

/**
 * The API called in-process by a server component, as the requester (their cookies) through
 * one app's `audience`. Cookies a procedure sets are dropped: server components can't set them,
 * so session changes go through the `/api/trpc` route or `resumeSession`.
 */
export async function createServerCaller(headers: Headers, audience: SessionAudience) {
  return (await callerFor(headers, new Headers(), audience)).caller;
}

/**
 * Renews the `audience` session of a request from its refresh cookie (`auth.refresh`) for a
 * route handler to answer with: `resumed` true and `headers` setting the new cookie pair; or,
 * when that fails (refresh token spent, revoked or invalid, or the session store unreachable),
 * `resumed` false and `headers` clearing the session cookies, so a failed resume can't loop.
 * Rejects only when the context can't be built (e.g. the database is down).
 */
export async function resumeSession(
  req: Request,
  audience: SessionAudience,
): Promise<{ resumed: boolean; headers: Headers }> {
  const headers = new Headers();
  const { ctx, caller } = await callerFor(req.headers, headers, audience);
  try {
    await caller.auth.refresh();
    return { resumed: true, headers };
  } catch {
    headers.delete("set-cookie");
    ctx.setSession(audience, null);
    return { resumed: false, headers };
  }
}
