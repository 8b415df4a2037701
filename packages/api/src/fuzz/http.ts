/**
 * Calls tRPC procedures over real HTTP as a browser's tRPC client does (one call per request,
 * no batching): a query as `GET ?input=<JSON>`, a mutation as `POST` with a JSON body and the
 * headers of a same-origin `fetch`, a subscription as `GET` of Server-Sent Events read for a
 * short, bounded time. Answers are reduced to an HTTP status: a subscription's error arrives
 * inside a 200 stream (tRPC's `serialized-error` event) and counts with its own HTTP status.
 */
import { request, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { FuzzInput } from "./arbitraries";

export type ProcedureType = "query" | "mutation" | "subscription";

/** What a call answered: the HTTP status (a subscription's error: its tRPC HTTP status) and the tRPC error code. */
export interface CallOutcome {
  status: number;
  code?: string;
  /** The `Set-Cookie` headers of the answer. */
  setCookies: string[];
}

/** The most a subscription is read: it has answered once it sends data or an error, or stays quiet this long after connecting. */
const SUBSCRIPTION_QUIET_MS = 100;
const SUBSCRIPTION_MAX_MS = 3_000;
/** The most any one call may take before it counts as hung. */
const CALL_TIMEOUT_MS = 30_000;

/** The request text of an input, or undefined for no input. */
function inputText(input: FuzzInput): string | undefined {
  if (input.kind === "raw") return input.text;
  // Undefined for an undefined value (typed `string`, it isn't always one).
  const text: string | undefined = JSON.stringify(input.value);
  return text;
}

/** A tRPC error shape's code and HTTP status (`{ data: { code, httpStatus } }`), if it is one. */
function trpcError(shape: unknown): { code?: string; httpStatus?: number } {
  const data = (shape as { data?: { code?: unknown; httpStatus?: unknown } } | null)?.data;
  return {
    code: typeof data?.code === "string" ? data.code : undefined,
    httpStatus: typeof data?.httpStatus === "number" ? data.httpStatus : undefined,
  };
}

/**
 * Reads a subscription's event stream until it answers: its first data event (200), its error
 * event (the error's status), its end, or quiet for `SUBSCRIPTION_QUIET_MS` after `connected`
 * (subscribed, nothing to send yet); then closes it.
 */
async function readSubscription(res: IncomingMessage): Promise<{ status: number; code?: string }> {
  const status = res.statusCode ?? 0;
  const events = (Readable.toWeb(res) as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const deadline = setTimeout(() => res.destroy(), SUBSCRIPTION_MAX_MS);
  try {
    for (;;) {
      const next = await events.read().catch(() => ({ done: true as const, value: undefined }));
      clearTimeout(quiet);
      if (next.done) return { status };
      const event = next.value;
      if (event.event === "serialized-error") {
        const { code, httpStatus } = trpcError(JSON.parse(event.data) as unknown);
        return { status: httpStatus ?? 500, code };
      }
      if (event.event === undefined || event.event === "message") return { status };
      if (event.event === "connected") quiet = setTimeout(() => res.destroy(), SUBSCRIPTION_QUIET_MS);
    }
  } finally {
    clearTimeout(quiet);
    clearTimeout(deadline);
    res.destroy();
  }
}

/**
 * Sends one request on a connection of its own (no keep-alive: a server may close a connection
 * whose body it did not read, e.g. a refused 1 MB body) and resolves with the answer once its
 * headers are in; a write error after that (the server stopped reading) is not a failure.
 */
function send(url: URL, opts: { method: string; headers: Record<string, string>; body?: string }) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { method: opts.method, headers: opts.headers, agent: false, timeout: CALL_TIMEOUT_MS });
    let answered = false;
    req.once("response", (res) => {
      answered = true;
      resolve(res);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer in ${CALL_TIMEOUT_MS} ms`)));
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    req.end(opts.body);
  });
}

/**
 * Calls `path` of type `type` at `baseUrl` (an API endpoint serving `/api/trpc`) with `input`.
 * @param opts.headers extra request headers (the session `cookie`, `x-forwarded-for`).
 * @throws when no answer arrives (connection refused or reset before an answer, or 30 s without
 *   one): for a server on this machine, a crash or a hang.
 */
export async function callProcedure(opts: {
  baseUrl: string;
  path: string;
  type: ProcedureType;
  input: FuzzInput;
  headers: Record<string, string>;
}): Promise<CallOutcome> {
  const text = inputText(opts.input);
  const url = new URL(`/api/trpc/${opts.path}`, opts.baseUrl);
  // What a browser sends with a same-origin fetch (CSRF checks accept it).
  const headers: Record<string, string> = { ...opts.headers, origin: url.origin, "sec-fetch-site": "same-origin" };
  let res: IncomingMessage;
  if (opts.type === "mutation") {
    headers["content-type"] = "application/json";
    res = await send(url, { method: "POST", headers, body: text });
  } else {
    if (text !== undefined) url.searchParams.set("input", text);
    if (opts.type === "subscription") headers.accept = "text/event-stream";
    res = await send(url, { method: "GET", headers });
  }
  const setCookies = res.headers["set-cookie"] ?? [];
  const status = res.statusCode ?? 0;
  if (status === 200 && res.headers["content-type"]?.startsWith("text/event-stream")) {
    return { ...(await readSubscription(res)), setCookies };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  let code: string | undefined;
  try {
    code = trpcError((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { error?: unknown }).error).code;
  } catch {
    // Not JSON: an answer from the HTTP layer (e.g. 431 for a URL too long), no tRPC code.
  }
  return { status, code, setCookies };
}

/**
 * A browser's cookie store for one session: the cookies named in `names` only, replaced or
 * removed (empty value or `Max-Age=0`) as answers set them.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly names: readonly string[]) {}

  /** Keeps `cookies` (name → value) of this jar's names, e.g. those a signed-in test client holds. */
  set(cookies: Iterable<[string, string]>): void {
    for (const [name, value] of cookies) if (this.names.includes(name)) this.cookies.set(name, value);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** The `Cookie` request header. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Applies an answer's `Set-Cookie` headers. */
  apply(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!this.names.includes(name)) continue;
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
