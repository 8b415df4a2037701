import { randomUUID } from "node:crypto";
import type { SessionAudience } from "@tabletap/auth";
import { API_LIMITS } from "@tabletap/core/api-limits";
import { isPhotoType, PHOTO_POLICY, uploadPhotoInput } from "@tabletap/core/photo";
import { PhotoRejectedError, serveMedia } from "@tabletap/media";
import { readDevOutbox } from "@tabletap/notify";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import etag from "etag";
import fresh from "fresh";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { PEER_ADDRESS_HEADER } from "@tabletap/core/peer-address";
import type { Logger } from "pino";
import { audienceRouters, guestRouter, staffRouter } from "./root";
import { getServices, type Services } from "./services";
import { InvalidInputError, toTRPCError } from "./errors";
import { assertManager, createCallerFactory, createContext, signedInStaff } from "./trpc";
import { handleRazorpayEvent, WEBHOOK_EVENT_TTL_SECONDS, type RazorpayWebhookEvent } from "./use-cases/payments";
import { uploadItemPhoto } from "./use-cases/photos";

/**
 * Logs an error the API answered with, on the request's logger: unexpected ones
 * (INTERNAL_SERVER_ERROR, e.g. the database down while building the context, or a fault inside a
 * live subscription's stream) at `error` with the full cause, a payment service failure
 * (BAD_GATEWAY) at `warn` with its cause, the others (bad input, not signed in...) at `info`. Each
 * entry names the procedure `path` and its `type`.
 */
function logApiError(log: Logger, opts: { error: TRPCError; path: string | undefined; type: string }): void {
  const { error, path, type } = opts;
  if (error.code === "SERVICE_UNAVAILABLE") log.debug({ path, type }, "request shed under overload");
  else if (error.code === "BAD_GATEWAY") log.warn({ err: error.cause ?? error, path, type }, "payment service failed");
  else if (error.code === "INTERNAL_SERVER_ERROR")
    log.error({ err: error.cause ?? error, path, type }, "procedure failed");
  else log.info({ code: error.code, message: error.message, path, type }, "procedure answered an error");
}

/** The answer to a request shed under overload (see `createApiHandler`). */
const OVERLOADED = "We're very busy right now. Please try again in a moment.";
/** Seconds a shed client should wait before retrying (`Retry-After`). */
const RETRY_AFTER_SECONDS = 1;
const TOO_LARGE = "That request is too large.";

/** The request id header, taken from the caller (a load balancer, a client) when well formed and echoed in the response. */
const REQUEST_ID_HEADER = "x-request-id";
/** A request id we adopt: 1–128 of [A-Za-z0-9_.:-] (UUIDs, proxies' hex ids); anything else is replaced, not logged. */
const WELL_FORMED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request's id: its `x-request-id` when well formed, else a new UUID. */
function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * True when a browser says the request comes from another site: its `Sec-Fetch-Site` is not
 * `same-origin` or `none` (a typed URL, a bookmark); without it (older browsers), its `Origin` is
 * not the request's own (`Host`). A request with neither (curl, server to server) is no browser's,
 * so no forgery (OWASP CSRF Prevention Cheat Sheet: "Verifying Origin with standard headers",
 * "Fetch Metadata headers"). Note: `Host` is the one the client sent; a proxy must pass it on.
 */
function isCrossSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (origin === null) return false;
  try {
    const { protocol, host } = new URL(origin);
    return host !== new URL(`${protocol}//${headers.get("host") ?? ""}`).host;
  } catch {
    return true; // "null" (a sandboxed page, a privacy redirect) or garbage
  }
}

/**
 * Why a mutation (POST) must be refused before any work, or null. Its body must be at most
 * `API_LIMITS.maxBodyBytes` by its `Content-Length` (PAYLOAD_TOO_LARGE, 413), come from the app's
 * own pages (`isCrossSite`: FORBIDDEN, 403) and be JSON (UNSUPPORTED_MEDIA_TYPE, 415): tRPC also
 * takes `multipart/form-data`, which a plain HTML form on any site can send with the user's
 * cookies, and no procedure takes anything but JSON.
 */
function refusalOf(req: Request): TRPCError | null {
  if (Number(req.headers.get("content-length") ?? 0) > API_LIMITS.maxBodyBytes)
    return new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE });
  if (req.method !== "POST") return null;
  if (isCrossSite(req.headers))
    return new TRPCError({ code: "FORBIDDEN", message: "This request came from another site, so it was refused." });
  const mediaType = req.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType !== "application/json")
    return new TRPCError({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "This API accepts JSON only (Content-Type: application/json).",
    });
  return null;
}

/**
 * `req` with its body counted while it is read: past `API_LIMITS.maxBodyBytes` reading fails with
 * PAYLOAD_TOO_LARGE (the call answers 413) and the rest is not read. A body with a
 * `Content-Length` over the limit never gets here (`refusalOf`); this catches a chunked one. The
 * Fetch adapter of tRPC has no `maxBodySize` (only its Node adapter does), hence this.
 */
function withBodyLimit(req: Request): Request {
  if (!req.body) return req;
  let size = 0;
  const counted = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > API_LIMITS.maxBodyBytes)
          controller.error(new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE }));
        else controller.enqueue(chunk);
      },
    }),
    // Leaves the rest of the body unread rather than destroying the connection the 413 goes out on.
    { preventCancel: true },
  );
  // A streamed request body must be sent half-duplex (Fetch standard; not yet in the DOM typings).
  const init: RequestInit & { duplex: "half" } = {
    method: req.method,
    headers: req.headers,
    body: counted,
    signal: req.signal,
    duplex: "half",
  };
  return new Request(req.url, init);
}

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

/** Options of an API handler. */
interface ApiHandlerOptions {
  /** The services to use (default: the process's `getServices()`; tests pass their own). */
  services?: () => Services;
}

/**
 * Serves the API at `/api/trpc` for one app (Fetch API request in, response out): `audience`
 * chooses its router (`audienceRouters`: a procedure of the other app answers NOT_FOUND, 404) and
 * which session cookies `auth.refresh` and `auth.logout` act on. The returned function takes the
 * request and its socket's peer address (undefined when unknown; see `createContext`).
 * - Every request has an id (`x-request-id`: the caller's when well formed, else a new UUID),
 *   echoed in the response and bound to every log line of the request (`ctx.log`).
 * - Every error is logged (`logApiError`), including one raised while building the context and
 *   one raised inside a live subscription's stream (tRPC hands both to `onError`).
 * - Load shedding: at most `API_MAX_IN_FLIGHT` requests (live subscriptions not counted) run at
 *   once in this process; past that a request is answered at once with SERVICE_UNAVAILABLE (HTTP
 *   503, `Retry-After: 1`) before any work, so an overload queues nothing and the process
 *   recovers as soon as the burst ends. Each procedure gets the request's abort signal, so work
 *   for a client that gave up stops (see `placeOrder`).
 * - Bounded work: at most `API_LIMITS.maxBatchSize` calls per batch (BAD_REQUEST, 400) and
 *   `API_LIMITS.maxBodyBytes` of body (PAYLOAD_TOO_LARGE, 413, before parsing: `refusalOf`,
 *   `withBodyLimit`).
 * - Mutations only as JSON from the app's own pages (`refusalOf`: 415, 403), against CSRF.
 * - Queries (GET) answer with an `ETag` and honour `If-None-Match` (`withEtag`).
 */
export function createApiHandler(audience: SessionAudience, opts: ApiHandlerOptions = {}) {
  const servicesFor = opts.services ?? getServices;
  const router = audienceRouters[audience];
  let inFlight = 0;
  return async (req: Request, peerAddress: string | undefined): Promise<Response> => {
    const services = servicesFor();
    const requestId = requestIdOf(req.headers);
    const log = services.log.child({ requestId });
    const live = req.headers.get("accept")?.includes("text/event-stream") ?? false;
    const admitted = live || inFlight < services.env.API_MAX_IN_FLIGHT;
    if (admitted && !live) inFlight += 1;
    try {
      const refusal = admitted ? refusalOf(req) : new TRPCError({ code: "SERVICE_UNAVAILABLE", message: OVERLOADED });
      const res = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: refusal ? req : withBodyLimit(req),
        router,
        maxBatchSize: API_LIMITS.maxBatchSize,
        createContext: ({ resHeaders }) => {
          if (refusal) throw refusal;
          return createContext(services, { headers: req.headers, resHeaders, audience, peerAddress, requestId });
        },
        responseMeta: ({ errors }) =>
          errors.some((error) => error.code === "SERVICE_UNAVAILABLE")
            ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } }
            : {},
        onError: ({ error, path, type }) => logApiError(log, { error, path, type }),
      });
      const answer = req.method === "GET" && !live ? await withEtag(req, res) : res;
      answer.headers.set(REQUEST_ID_HEADER, requestId);
      return answer;
    } finally {
      if (admitted && !live) inFlight -= 1;
    }
  };
}

/**
 * A Next.js route handler (GET and POST, Node runtime) serving the API at `/api/trpc` for one
 * app, as `createApiHandler` does. The peer address comes from `PEER_ADDRESS_HEADER`, which the
 * app's server sets on every request (a Next.js route handler can't see the socket); without it
 * every client shares one client address, which is logged once.
 */
export function createTrpcRouteHandler(audience: SessionAudience, opts: ApiHandlerOptions = {}) {
  const handle = createApiHandler(audience, opts);
  let warned = false;
  return (req: Request): Promise<Response> => {
    const peerAddress = req.headers.get(PEER_ADDRESS_HEADER) ?? undefined;
    if (peerAddress === undefined && !warned) {
      warned = true;
      (opts.services ?? getServices)().log.warn(
        { header: PEER_ADDRESS_HEADER },
        "the client address is unknown (the app is not running behind its server): all clients share one rate limit",
      );
    }
    return handle(req, peerAddress);
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

/** The message of a cross-site request refused (`isCrossSite`). */
const CROSS_SITE = "This request came from another site, so it was refused.";

/**
 * The request body as bytes, read until `maxBytes`: one byte more and reading stops with
 * PhotoRejectedError `too-large` (the rest is left unread, so the 413 still reaches the client).
 * Catches a chunked body, which has no `Content-Length` to check first.
 */
async function bodyWithin(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      size += value.byteLength;
      if (size > maxBytes) throw new PhotoRejectedError("too-large");
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The dashboard's photo upload, `POST /api/admin/menu-items/<menuItemId>/photo[?alt=...]` (a
 * Next.js route handler; tRPC takes JSON only): the image itself is the body, with
 * `Content-Type: image/jpeg`, `image/png` or `image/webp` (types a cross-site HTML form can't
 * send: a CORS preflight would be needed, and none is answered). Checks, before any work and in
 * this order: the request comes from the app's own pages (the tRPC endpoint's `isCrossSite`:
 * FORBIDDEN, 403), the Content-Type (UNSUPPORTED_MEDIA_TYPE, 415), `Content-Length` at most
 * `PHOTO_POLICY.maxBytes` (PAYLOAD_TOO_LARGE, 413), the input (`uploadPhotoInput`: BAD_REQUEST,
 * 400), a manager's staff session (`signedInStaff`, `assertManager`: 401, 403); then reads the
 * body, counting (413 past the limit), and calls `uploadItemPhoto`, which checks the content.
 * Answers `{ photo: MenuItemPhotoView }` (200) or `{ error: { code, message } }` with the status
 * of the tRPC error the API's one mapping (`toTRPCError`) gives, `Cache-Control: no-store` and
 * the request id, logged like the API's errors.
 */
export function photoUploadRouteHandler(opts: ApiHandlerOptions = {}) {
  const servicesFor = opts.services ?? getServices;
  return async (req: Request, menuItemId: string): Promise<Response> => {
    const services = servicesFor();
    const requestId = requestIdOf(req.headers);
    const log = services.log.child({ requestId });
    const resHeaders = new Headers({ [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store" });
    try {
      if (isCrossSite(req.headers)) throw new TRPCError({ code: "FORBIDDEN", message: CROSS_SITE });
      if (!isPhotoType(req.headers.get("content-type"))) throw new PhotoRejectedError("wrong-type");
      if (Number(req.headers.get("content-length") ?? 0) > PHOTO_POLICY.maxBytes)
        throw new PhotoRejectedError("too-large");
      const input = uploadPhotoInput.safeParse({
        menuItemId,
        alt: new URL(req.url).searchParams.get("alt") ?? undefined,
      });
      if (!input.success) throw new InvalidInputError(input.error.issues[0]?.message ?? "That request isn't valid.");
      const ctx = await createContext(services, {
        headers: req.headers,
        resHeaders,
        audience: "staff",
        peerAddress: req.headers.get(PEER_ADDRESS_HEADER) ?? undefined,
        requestId,
      });
      const staff = await signedInStaff(ctx);
      assertManager(staff);
      const bytes = await bodyWithin(req, PHOTO_POLICY.maxBytes);
      const photo = await uploadItemPhoto(ctx.services, staff, { ...input.data, bytes });
      return Response.json({ photo }, { headers: resHeaders });
    } catch (cause) {
      const error = toTRPCError(cause);
      logApiError(log, { error, path: "admin.photos.upload", type: "mutation" });
      const message =
        error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : error.message;
      return Response.json(
        { error: { code: error.code, message } },
        { status: getHTTPStatusCodeFromError(error), headers: resHeaders },
      );
    }
  };
}

/** The most a Razorpay webhook body may be (bytes); Razorpay's are a few kilobytes. */
const WEBHOOK_MAX_BYTES = 256 * 1024;

/** The Redis key remembering a Razorpay webhook's event id (`X-Razorpay-Event-Id`). */
const webhookEventKey = (eventId: string) => `razorpay:webhook-event:${eventId}`;

/**
 * `POST /api/webhooks/razorpay` on the guest app (and the standalone server's guest port):
 * Razorpay's webhooks (https://razorpay.com/docs/webhooks/). In order:
 * - the raw body (at most 256 KiB: 413) must be signed by `X-Razorpay-Signature` under
 *   `RAZORPAY_WEBHOOK_SECRET` (`validateWebhookSignature` through `services.payments`), else
 *   400 and a warning in the log — an unverified webhook changes nothing;
 * - an `X-Razorpay-Event-Id` seen in the last 7 days (Redis `SET NX`) answers 200 and changes
 *   nothing (Razorpay retries, and may deliver an event twice);
 * - the event is applied (`handleRazorpayEvent`: `payment.captured` settles, `payment.failed`
 *   fails unless paid, `refund.processed` marks the refund) and answers 200. When applying it
 *   fails, its event id is forgotten and the answer is 500, so Razorpay's retry applies it.
 * Answers JSON `{ status }`, `Cache-Control: no-store` and the request id.
 */
export function razorpayWebhookHandler(opts: ApiHandlerOptions = {}) {
  const servicesFor = opts.services ?? getServices;
  return async (req: Request): Promise<Response> => {
    const services = servicesFor();
    const requestId = requestIdOf(req.headers);
    const log = services.log.child({ requestId, webhook: "razorpay" });
    const headers = { [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store" };
    const answer = (status: number, text: string) => Response.json({ status: text }, { status, headers });
    if (req.method !== "POST") return answer(405, "method not allowed");
    const eventId = req.headers.get("x-razorpay-event-id");
    let body: Buffer;
    try {
      body = await bodyWithin(req, WEBHOOK_MAX_BYTES);
    } catch {
      return answer(413, "too large");
    }
    if (!services.payments.verifyWebhook(body, req.headers.get("x-razorpay-signature"))) {
      log.warn({ eventId }, "a Razorpay webhook with a bad signature was refused");
      return answer(400, "invalid signature");
    }
    let event: RazorpayWebhookEvent;
    try {
      event = JSON.parse(body.toString("utf8")) as RazorpayWebhookEvent;
    } catch {
      log.warn({ eventId }, "a signed Razorpay webhook was not JSON");
      return answer(400, "not JSON");
    }
    const key = eventId ? webhookEventKey(eventId) : null;
    if (key && (await services.redis.set(key, "1", "EX", WEBHOOK_EVENT_TTL_SECONDS, "NX")) === null) {
      log.info({ eventId, event: event.event }, "a Razorpay webhook delivered again was ignored");
      return answer(200, "duplicate");
    }
    try {
      await services.connectDb();
      const outcome = await handleRazorpayEvent(services, event);
      log.info({ eventId, event: event.event, outcome }, "Razorpay webhook applied");
      return answer(200, "ok");
    } catch (error) {
      if (key) await services.redis.del(key).catch(() => undefined);
      log.error({ err: error, eventId, event: event.event }, "a Razorpay webhook could not be applied");
      return answer(500, "error");
    }
  };
}

/**
 * `GET /media/<key>` in both apps, when `S3_PUBLIC_URL` is unset: a menu photo streamed from the
 * photos bucket, cacheable for a year as immutable (`serveMedia`: 404 for anything but a photo's
 * content-addressed key). Answers 503 when S3 can't be read (logged).
 */
export async function mediaRouteHandler(req: Request, key: string): Promise<Response> {
  const services = getServices();
  try {
    return await serveMedia(services.media, key, req.headers.get("if-none-match"));
  } catch (error) {
    services.log.error({ err: error, key }, "could not read a photo from S3");
    return new Response("Photo unavailable", { status: 503, headers: { "cache-control": "no-store" } });
  }
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

const createCallers = {
  guest: createCallerFactory(guestRouter),
  staff: createCallerFactory(staffRouter),
};
/** The in-process API of one app, as `createServerCaller` returns it. */
type ServerCaller<A extends SessionAudience> = ReturnType<(typeof createCallers)[A]>;

/** The context of an in-process call made for `headers`' request (its cookies, peer and request id) through `audience`. */
function serverContext(headers: Headers, resHeaders: Headers, audience: SessionAudience) {
  const peerAddress = headers.get(PEER_ADDRESS_HEADER) ?? undefined;
  return createContext(getServices(), { headers, resHeaders, audience, peerAddress, requestId: requestIdOf(headers) });
}

/**
 * The context of an in-process call made by a server component, as the requester (their
 * cookies) through one app's `audience`, on this process's services. Cookies a procedure sets
 * are dropped (see `createServerCaller`).
 */
export function createServerContext(headers: Headers, audience: SessionAudience) {
  return serverContext(headers, new Headers(), audience);
}

/** A caller of `audience`'s API for one request, whose errors are logged like the route handler's. */
async function callerFor<A extends SessionAudience>(headers: Headers, resHeaders: Headers, audience: A) {
  const ctx = await serverContext(headers, resHeaders, audience);
  const onError = ({ error, path, type }: { error: TRPCError; path: string | undefined; type: string }) =>
    logApiError(ctx.log, { error, path, type });
  return { ctx, caller: createCallers[audience](ctx, { onError }) as ServerCaller<A> };
}

/**
 * The API of one app (`audience`: its procedures only) called in-process by a server component,
 * as the requester (their cookies). Cookies a procedure sets are dropped: server components
 * can't set them, so session changes go through the `/api/trpc` route or `resumeSession`.
 */
export async function createServerCaller<A extends SessionAudience>(
  headers: Headers,
  audience: A,
): Promise<ServerCaller<A>> {
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
