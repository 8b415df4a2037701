/**
 * Load generation and the bare baseline: closed-loop HTTP load with autocannon, an open-loop
 * scheduler for fixed request rates, and a bare Node `http` server that answers with the bytes
 * the app answered with, so each scenario measures the app against the cost of HTTP itself in
 * the same run.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";

/** One HTTP request as the scenarios describe it. */
export interface RequestSpec {
  method: "GET" | "POST";
  /** Path and query, e.g. `/api/trpc/menu.forTable?input=...`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A response as recorded from the app, to be replayed by the bare server. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Every request asks for an uncompressed answer, as autocannon's do: the app and the bare server
 * then send the same bytes, and Node's fetch fails to inflate some of Next.js's gzipped answers
 * ("incorrect header check") that zlib itself inflates.
 */
export const NO_COMPRESSION = { "accept-encoding": "identity" };

/** Headers the bare server sets itself (hop-by-hop, length, date). */
const OWN_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);

/** Sends `req` to `baseUrl` once and records the response (status, end-to-end headers, body bytes). */
export async function record(baseUrl: string, req: RequestSpec): Promise<RecordedResponse> {
  const res = await fetch(`${baseUrl}${req.path}`, {
    method: req.method,
    headers: { ...NO_COMPRESSION, ...req.headers },
    body: req.body,
  });
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!OWN_HEADERS.has(name) && name !== "set-cookie") headers[name] = value;
  });
  return { status: res.status, headers, body };
}

/** A bare Node server on 127.0.0.1: `url` to send the same requests to, `close` to stop it. */
export interface BareServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts a bare `http.createServer` on a free port of 127.0.0.1 that reads each request's body
 * and answers every request with `handle(req, body, res)`, or by default with `response`.
 */
export async function startBareServer(
  response: RecordedResponse,
  handle?: (req: IncomingMessage, body: string, res: ServerResponse) => boolean,
): Promise<BareServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (handle?.(req, Buffer.concat(chunks).toString(), res)) return;
      res.writeHead(response.status, { ...response.headers, "content-length": response.body.length });
      res.end(response.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a closed-loop run measured: throughput and latency percentiles (ms). */
export interface ClosedLoopResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  failures: number;
}

/**
 * Closed-loop load with autocannon: `connections` clients each sending the next request as soon
 * as the previous one is answered, for `durationS` seconds. `next` builds each request;
 * latencies in ms (autocannon records whole milliseconds).
 */
export async function closedLoop(
  baseUrl: string,
  opts: { connections: number; durationS: number; next: () => RequestSpec },
): Promise<ClosedLoopResult> {
  const first = opts.next();
  const started = performance.now();
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 10,
    requests: [
      {
        method: first.method,
        path: first.path,
        setupRequest: (req) => {
          const spec = opts.next();
          return { ...req, method: spec.method, path: spec.path, headers: spec.headers ?? {}, body: spec.body ?? "" };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.total / ((performance.now() - started) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** How long a sequential run may take in all before it stops early, in ms. */
const SEQUENTIAL_LIMIT_MS = 120_000;

/**
 * One client sending `amount` requests one after another (each as soon as the previous one is
 * answered, each abandoned after 10 s), stopping early after 120 s; latencies in ms, measured
 * with sub-millisecond precision. `requests` says how many were sent.
 */
export async function sequential(baseUrl: string, amount: number, next: () => RequestSpec): Promise<ClosedLoopResult> {
  const started = performance.now();
  const samples: Sample[] = [];
  while (samples.length < amount && performance.now() - started < SEQUENTIAL_LIMIT_MS)
    samples.push(await send(baseUrl, next(), started, 10_000));
  const latency = samples.map((s) => s.latencyMs);
  return {
    requests: samples.length,
    reqPerSec: samples.length / ((performance.now() - started) / 1000),
    p50: quantile(latency, 0.5),
    p99: quantile(latency, 0.99),
    failures: samples.filter((s) => s.status < 200 || s.status > 299).length,
  };
}

/** One request of an open-loop run: when it was sent (ms since the run started), how long it took, its outcome. */
export interface Sample {
  sentAt: number;
  latencyMs: number;
  /** The HTTP status, or 0 for a timeout or connection error. */
  status: number;
  body: string;
  /** The request sent. */
  spec: RequestSpec;
}

/**
 * Open-loop load: sends requests at a fixed `rate` (per second) for `durationS` seconds,
 * whether or not earlier ones were answered (so a slow server sees the rate it would see from
 * real guests), each abandoned after `timeoutMs`. Resolves when every request has settled.
 */
export async function openLoop(
  baseUrl: string,
  opts: { rate: number; durationS: number; timeoutMs?: number; next: () => RequestSpec },
): Promise<Sample[]> {
  const total = Math.round(opts.rate * opts.durationS);
  const started = performance.now();
  const pending: Promise<Sample>[] = [];
  while (pending.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * opts.rate) + 1);
    while (pending.length < due) pending.push(send(baseUrl, opts.next(), started, opts.timeoutMs ?? 10_000));
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, 1000 / opts.rate / 2)));
  }
  return Promise.all(pending);
}

/** Sends one request and never rejects: a timeout or connection error is status 0, its reason the body. */
export async function send(baseUrl: string, spec: RequestSpec, origin: number, timeoutMs: number): Promise<Sample> {
  const sentAt = performance.now();
  try {
    const res = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers: { ...NO_COMPRESSION, ...spec.headers },
      body: spec.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    return { sentAt: sentAt - origin, latencyMs: performance.now() - sentAt, status: res.status, body, spec };
  } catch (error) {
    // The body of a request that got no answer says why (the timeout, the refused connection...).
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    const reason = error instanceof Error ? `${error.message}${cause}` : String(error);
    return { sentAt: sentAt - origin, latencyMs: performance.now() - sentAt, status: 0, body: reason, spec };
  }
}

/** The `q` quantile (0–1) of `values` (nearest rank), NaN values left out; NaN for none. */
export function quantile(values: number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Counts of samples by status ("0" for timeouts and connection errors). */
export function countByStatus(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[String(s.status)] = (counts[String(s.status)] ?? 0) + 1;
  return counts;
}

/** Non-2xx outcomes as "429×3, 503×1, timeout×2" ("none" when every request succeeded). */
export function describeFailures(samples: Sample[]): string {
  const counts = Object.entries(countByStatus(samples)).filter(([status]) => !status.startsWith("2"));
  if (counts.length === 0) return "none";
  return counts.map(([status, n]) => `${status === "0" ? "timeout/error" : status}×${n}`).join(", ");
}
