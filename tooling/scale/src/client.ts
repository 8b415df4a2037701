/**
 * A browser's side of the API over HTTP, as the apps' tRPC client calls it (one call per request):
 * queries `GET ?input=`, mutations `POST` JSON from the app's own page, subscriptions as
 * Server-Sent Events. Each session has a client address of its own, which the test, playing the
 * load balancer, sends in `X-Forwarded-For`.
 */
import { randomInt } from "node:crypto";
import { readDevOutbox } from "@tabletap/notify";
import type { Redis } from "@tabletap/redis";
import { EventSourceParserStream } from "eventsource-parser/stream";

/** A browser session: its cookies (`Cookie` header) and its client address. */
export interface Session {
  cookie: string;
  ip: string;
}

/** A new browser with no cookies, at a random private address. */
function newBrowser(): Session {
  return { cookie: "", ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
}

/** The `Cookie` header value of an answer's `Set-Cookie` headers (name=value pairs; cleared ones dropped). */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";", 1)[0] ?? "")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/**
 * Calls a query or mutation at `baseUrl` (an app's endpoint) as `session`; stores the cookies the
 * answer sets in it. @returns the result's data. @throws Error with the tRPC error code and message.
 */
export async function call<T>(
  baseUrl: string,
  path: string,
  opts: { type: "query" | "mutation"; input?: unknown; session: Session },
): Promise<T> {
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  const headers: Record<string, string> = { "x-forwarded-for": opts.session.ip, cookie: opts.session.cookie };
  let init: RequestInit;
  if (opts.type === "query") {
    if (opts.input !== undefined) url.searchParams.set("input", JSON.stringify(opts.input));
    init = { headers };
  } else {
    Object.assign(headers, { "content-type": "application/json", "sec-fetch-site": "same-origin" });
    init = { method: "POST", headers, body: JSON.stringify(opts.input ?? null) };
  }
  const res = await fetch(url, init);
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string; data?: { code?: string } } };
  const cookie = cookiesOf(res);
  if (cookie) opts.session.cookie = cookie;
  if (!body.result) throw new Error(`${path}: ${body.error?.data?.code ?? res.status} ${body.error?.message ?? ""}`);
  return body.result.data;
}

/** A random Indian mobile number (E.164). */
function randomPhone(): string {
  return `+919${String(randomInt(100_000_000, 999_999_999))}`;
}

/**
 * Signs a guest in with a phone OTP: the code requested through `requestVia` (an instance's guest
 * endpoint), read from the dev SMS outbox in `redis`, and verified through `verifyVia` (another
 * instance's), as when a load balancer sends the two requests to different instances.
 */
export async function signInGuest(
  requestVia: string,
  verifyVia: string,
  redis: Redis,
): Promise<Session & { phone: string }> {
  const session = { ...newBrowser(), phone: randomPhone() };
  await call(requestVia, "auth.requestOtp", { type: "mutation", input: { phone: session.phone }, session });
  const [sms] = await readDevOutbox(redis, { to: session.phone, limit: 1 });
  const code = sms?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no sign-in code was texted to ${session.phone}`);
  await call(verifyVia, "auth.verifyOtp", { type: "mutation", input: { phone: session.phone, code }, session });
  return session;
}

/** Signs a staff member in through `staffVia` (an instance's staff endpoint). */
export async function signInStaff(staffVia: string, account: { email: string; password: string }): Promise<Session> {
  const session = newBrowser();
  await call(staffVia, "auth.staffLogin", { type: "mutation", input: account, session });
  return session;
}

/** An open subscription: the data events received so far (event id and data) and `close`. */
export interface Stream<T> {
  events: { id: string | undefined; data: T }[];
  close(): void;
}

/**
 * Opens a subscription at `baseUrl` as `session` and resolves once tRPC's `connected` event has
 * arrived (the server listens). @throws Error on an error answer or event, or when it does not
 * connect within 15 s.
 */
export async function subscribe<T>(
  baseUrl: string,
  path: string,
  input: unknown,
  session: Session,
): Promise<Stream<T>> {
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  url.searchParams.set("input", JSON.stringify(input));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`${path} did not connect in 15 s`)), 15_000);
  const res = await fetch(url, {
    headers: { accept: "text/event-stream", cookie: session.cookie, "x-forwarded-for": session.ip },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`${path} answered ${res.status}`);
  const stream: Stream<T> = { events: [], close: () => abort.abort() };
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  await new Promise<void>((resolve, reject) => {
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return reject(new Error(`${path} ended`));
          if (value.event === "connected") resolve();
          else if (value.event === "serialized-error") reject(new Error(`${path} failed: ${value.data}`));
          else if (value.event === undefined) stream.events.push({ id: value.id, data: JSON.parse(value.data) as T });
        }
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  }).finally(() => clearTimeout(timer));
  return stream;
}
