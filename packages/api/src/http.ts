import type { SessionAudience } from "@tabletap/auth";
import { readDevOutbox } from "@tabletap/notify";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import { getServices } from "./services";
import { createCallerFactory, createContext } from "./trpc";

/**
 * A Next.js route handler (GET and POST, Node runtime) that serves the API at `/api/trpc` for
 * one app: `audience` decides which session cookies `auth.refresh` and `auth.logout` act on.
 */
export function createTrpcRouteHandler(audience: SessionAudience) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders, audience }),
    });
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
  return Response.json(await readDevOutbox(services.redis, { limit: 50, to }), { headers: { "cache-control": "no-store" } });
}

/**
 * The Next.js instrumentation hook of both apps (`export { register } from "@tabletap/api/http"`
 * in `src/instrumentation.ts`): builds the services at server start, so a production deployment
 * with a missing or default secret, or without Twilio credentials, fails to start instead of
 * failing its first request.
 */
export async function register(): Promise<void> {
  getServices();
}

const createCaller = createCallerFactory(appRouter);

/**
 * The API called in-process by a server component, as the requester (their cookies) through
 * one app's `audience`. Cookies a procedure sets are dropped: server components can't set them,
 * so session changes go through the `/api/trpc` route.
 */
export async function createServerCaller(headers: Headers, audience: SessionAudience) {
  return createCaller(await createContext({ headers, resHeaders: new Headers(), audience }));
}
