import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

/** A readiness check: resolves when its dependency answers, rejects (or never settles) when it doesn't. */
export type ReadinessCheck = () => Promise<unknown>;

/** What `GET /ready` answers: ready when every check passed; each check's outcome by name (as the apps' `/api/ready`). */
interface Readiness {
  ready: boolean;
  checks: Record<string, "ok" | "failed">;
}

/** How long one readiness check may take, milliseconds (probes commonly time out after 1–5 s). */
const READINESS_CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs every check at once, each bounded by `timeoutMs`: one that rejects or takes longer is
 * `failed`, and why is logged (at `warn`), never answered.
 */
async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  log: Pick<Logger, "warn">,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const outcomes = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"failed">((resolve) => {
        timer = setTimeout(() => {
          log.warn({ check: name, timeoutMs }, "readiness check got no answer in time");
          resolve("failed");
        }, timeoutMs);
      });
      const outcome = await Promise.race([
        check().then(
          () => "ok" as const,
          (err: unknown) => {
            log.warn({ err, check: name }, "readiness check failed");
            return "failed" as const;
          },
        ),
        timedOut,
      ]);
      clearTimeout(timer);
      return [name, outcome] as const;
    }),
  );
  return { ready: outcomes.every(([, outcome]) => outcome === "ok"), checks: Object.fromEntries(outcomes) };
}

/** A running health server: where it listens, and how to close it. */
export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the worker's health server on `host`:`port` (port 0: any free port):
 * - `GET /health` (liveness): 200 `{"status":"ok"}` while the process runs;
 * - `GET /ready` (readiness): 200 `{"status":"ready","checks":{...}}` when every check passes
 *   (`checkReadiness`), else 503 `{"status":"unavailable","failed":["sqs"],"checks":{...}}`,
 *   the shape of the apps' `/api/ready`; 503 `{"status":"stopping"}` once `stopping()` is true;
 * - 404 for any other path, 405 for any other method. Answers are JSON, never cached.
 * Rejects when the port can't be bound.
 */
export async function startHealthServer(opts: {
  host: string;
  port: number;
  checks: Record<string, ReadinessCheck>;
  stopping: () => boolean;
  log: Logger;
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) =>
      res
        .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
        .end(JSON.stringify(body));
    const path = new URL(req.url ?? "/", "http://worker").pathname;
    if (path !== "/health" && path !== "/ready") return answer(404, { error: "Not found" });
    if (req.method !== "GET" && req.method !== "HEAD") return answer(405, { error: "Method not allowed" });
    if (path === "/health") return answer(200, { status: "ok" });
    if (opts.stopping()) return answer(503, { status: "stopping" });
    void checkReadiness(opts.checks, opts.log).then(({ ready, checks }) => {
      if (ready) return answer(200, { status: "ready", checks });
      const failed = Object.keys(checks).filter((name) => checks[name] === "failed");
      return answer(503, { status: "unavailable", failed, checks });
    });
  });
  server.listen(opts.port, opts.host);
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
