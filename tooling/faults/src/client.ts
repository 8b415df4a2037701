/**
 * The guests' HTTP client: tRPC calls over real HTTP to the API server, each guest from a
 * loopback address of its own (Node's `localAddress`, 127.10.x.y), so per-client limits see
 * many clients, as behind no proxy in production, whatever the API's proxy settings.
 */
import { Agent, request } from "node:http";

/** One answer of the API: the HTTP status and the tRPC body (`result.data` or `error`), or a transport failure. */
export type CallResult =
  | { ok: true; status: number; data: unknown; cookies: string[] }
  | { ok: false; status: number; code: string; message: string; retryAfterS?: number }
  | { ok: false; status: "timeout" | "network"; code: string; message: string };

/** Keep-alive connections, pooled per local address by Node's agent. */
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** The loopback address of client `n` (0-based): 127.10.0.1, 127.10.0.2, ... 127.10.0.250, 127.10.1.1, ... */
export function clientAddress(n: number): string {
  return `127.10.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
}

/**
 * A tRPC call over HTTP, as the apps' browser client sends it (no batching): a mutation is
 * `POST <baseUrl>/api/trpc/<procedure>` with the input as the JSON body and same-origin
 * `Origin` and `Sec-Fetch-Site` headers; a query (no input) is a `GET`. From `localAddress`, with
 * the session `cookie`. Never rejects: a timeout (`timeoutMs`, default 20 s) or a refused
 * connection is a result too.
 */
export function trpcCall(opts: {
  baseUrl: string;
  procedure: string;
  /** The mutation's input; a query when absent. */
  input?: unknown;
  localAddress: string;
  cookie?: string;
  timeoutMs?: number;
}): Promise<CallResult> {
  const url = new URL(`/api/trpc/${opts.procedure}`, opts.baseUrl);
  const body = opts.input === undefined ? undefined : JSON.stringify(opts.input);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: body === undefined ? "GET" : "POST",
        agent,
        localAddress: opts.localAddress,
        headers: {
          ...(body === undefined
            ? {}
            : {
                "content-type": "application/json",
                "content-length": Buffer.byteLength(body),
                origin: url.origin,
                "sec-fetch-site": "same-origin",
              }),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => resolve({ ok: false, status: "network", code: "NETWORK", message: error.message }));
        res.on("end", () => resolve(toResult(res.statusCode ?? 0, Buffer.concat(chunks).toString(), res.headers)));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      resolve({ ok: false, status: "timeout", code: "TIMEOUT", message: `no answer within ${timeoutMs} ms` });
    });
    req.on("error", (error) => resolve({ ok: false, status: "network", code: "NETWORK", message: error.message }));
    req.end(body);
  });
}

function toResult(status: number, text: string, headers: Record<string, string | string[] | undefined>): CallResult {
  let body: { result?: { data?: unknown }; error?: { message?: string; data?: { code?: string } } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // A body that is not tRPC's JSON (a proxy's or a crash's): described by the status below.
  }
  if (status >= 200 && status < 300 && body.result)
    return { ok: true, status, data: body.result.data, cookies: [headers["set-cookie"] ?? []].flat() };
  const retryAfter = Number(headers["retry-after"]);
  return {
    ok: false,
    status,
    code: body.error?.data?.code ?? `HTTP_${status}`,
    message: body.error?.message ?? text.slice(0, 200),
    ...(Number.isFinite(retryAfter) ? { retryAfterS: retryAfter } : {}),
  };
}

/** The `name=value` pairs of `Set-Cookie` headers, as one `Cookie` header value. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(";")[0] ?? "").join("; ");
}

/** Closes the pooled connections (at the end of a run). */
export function closeClients(): void {
  agent.destroy();
}
