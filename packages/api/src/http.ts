import type { SessionAudience } from "@tabletap/auth";
import { readDevOutbox } from "@tabletap/notify";
import { TRPCError } from "@trpc/server";
import etag from "etag";
import fresh from "fresh";
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
  if (error.code === "SERVICE_UNAVAILABLE") services.log.debug({ path, type }, "request shed under overload");
  else if (error.code === "INTERNAL_SERVER_ERROR")
    services.log.error({ err: error.cause ?? error, path, type }, "procedure failed");
  else services.log.info({ code: error.code, message: error.message, path, type }, "procedure answered an error");
}

/** The answer to a request shed under overload (see `createTrpcRouteHandler`). */
const OVERLOADED = "We're very busy right now. Please try again in a moment.";
/** Seconds a shed client should wait before retrying (`Retry-After`). */
const RETRY_AFTER_SECONDS = 1;

/**
 * Answers a successful GET (a query) with a weak `ETag` of its body and `Cache-Control: private,
 * no-cache`, so a browser revalidates every time and gets `304 Not Modified` with no body when
 * nothing changed (e.g. a phone reloading the menu). Other responses pass through unchanged.
 */
async function withEtag(req: Request, res: Response): Promise<Response> {
  if (res.status !== 200) return res;
  const body = Buffer.from(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  headers.set("etag", etag(body, { weak: true }));
  if (!headers.has("cache-control")) headers.set("cache-control", "private, no-cache");
  const notModified = fresh(
    { "if-none-match": req.headers.get("if-none-match") ?? undefined },
    { etag: headers.get("etag") ?? undefined },
  );
  return notModified ? new Response(null, { status: 304, headers }) : new Response(body, { status: 200, headers });
}

/**
 * A Next.js route handler (GET and POST, Node runtime) that serves the API at `/api/trpc` for
 * one app: `audience` decides which session cookies `auth.refresh` and `auth.logout` act on.
 * - Every error is logged (`logApiError`), including one raised while building the context.
 * - Load shedding: at most `API_MAX_IN_FLIGHT` requests (live subscriptions not counted) run at
 *   once in this process; past that a request is answered at once with SERVICE_UNAVAILABLE (HTTP
 *   503, `Retry-After: 1`) before any work, so an overload queues nothing and the process
 *   recovers as soon as the burst ends. Each procedure gets the request's abort signal, so work
 *   for a client that gave up stops (see `placeOrder`).
 * - Queries (GET) answer with an `ETag` and honour `If-None-Match` (`withEtag`).
 * @param opts.services the services to use (default: the process's `getServices()`; tests pass their own).
 */
export function createTrpcRouteHandler(audience: SessionAudience, opts: { services?: () => Services } = {}) {
  const servicesFor = opts.services ?? getServices;
  let inFlight = 0;
  return async (req: Request) => {
    const services = servicesFor();
    const live = req.headers.get("accept")?.includes("text/event-stream") ?? false;
    const admitted = live || inFlight < services.env.API_MAX_IN_FLIGHT;
    if (admitted && !live) inFlight += 1;
    try {
      const res = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        createContext: ({ resHeaders }) => {
          if (!admitted) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: OVERLOADED });
          return createContext(services, { headers: req.headers, resHeaders, audience });
        },
        responseMeta: ({ errors }) =>
          errors.some((error) => error.code === "SERVICE_UNAVAILABLE")
            ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } }
            : {},
        onError: ({ error, path, type }) => logApiError(services, { error, path, type }),
      });
      return req.method === "GET" && !live ? await withEtag(req, res) : res;
    } finally {
      if (admitted && !live) inFlight -= 1;
    }
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
