import { randomInt } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { PEER_ADDRESS_HEADER } from "@tabletap/core/peer-address";

/** Handles one request (Next.js's `app.getRequestHandler()`, or a test's). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface WebServerOptions {
  /**
   * How long `close()` lets in-flight requests finish before closing their connections,
   * milliseconds.
   */
  shutdownTimeoutMs: number;
  log: Pick<Logger, "info" | "warn" | "error">;
}

/** An HTTP server for a Next.js app (see `createWebServer`). */
export interface WebServer {
  /** The Node server (Next.js takes it as `httpServer`, for dev-mode WebSocket upgrades). */
  readonly server: Server;
  /** Starts serving `handler` on `hostname:port` (0: a free port). Resolves to the base URL. @throws the listen error (EADDRINUSE...). */
  listen(handler: RequestHandler, address: { hostname: string; port: number }): Promise<string>;
  /**
   * Stops gracefully: stops accepting connections, closes idle keep-alive connections, ends
   * each open Server-Sent Events stream with a `retry:` hint (1–3 s, spread so the clients of
   * this instance don't all reconnect at the same moment; a load balancer sends them to another
   * instance, and they resume from their last event id), lets the other in-flight requests
   * finish (their connections close after the response) for up to `shutdownTimeoutMs`, then
   * closes whatever is left. Resolves when every connection is closed.
   */
  close(): Promise<void>;
}

/** Reconnection delay sent to a live stream ended by `close()`: the SSE `retry` field, milliseconds (WHATWG HTML §9.2). */
function retryHintMs(): number {
  return 1_000 + randomInt(2_000);
}

/** Whether `res` is a Server-Sent Events stream (its `Content-Type`, set with `setHeader`/`appendHeader` as Next.js does). */
function isEventStream(res: ServerResponse): boolean {
  return String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");
}

/**
 * Ends a live SSE response with a `retry:` field (a field line and a blank line: no event is
 * dispatched, the client's EventSource just waits that long before reconnecting). tRPC writes
 * all the lines of an event in one go, so a stream whose writes are not waiting is between two
 * events; one whose client is not keeping up (backpressure) may be in the middle of an event, so
 * it is cut instead: the client reconnects after a network error all the same.
 */
function endEventStream(res: ServerResponse): void {
  if (res.writableNeedDrain) res.destroy();
  else res.end(`retry: ${retryHintMs()}\n\n`);
}

/**
 * The HTTP server both Next.js apps run in (`tabletap-next`, see cli.ts), in place of `next
 * start`/`next dev`:
 * - every request gets `PEER_ADDRESS_HEADER` set to the socket's peer address (a value sent by
 *   the client is overwritten; removed when the socket is already gone);
 * - `close()` shuts down gracefully (see `WebServer.close`).
 * Errors thrown by the handler are logged and answered 500 (or the connection is cut when the
 * response had started).
 */
export function createWebServer(opts: WebServerOptions): WebServer {
  let handle: RequestHandler | undefined;
  let closing = false;
  const inFlight = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const peer = req.socket.remoteAddress;
    if (peer) req.headers[PEER_ADDRESS_HEADER] = peer;
    else delete req.headers[PEER_ADDRESS_HEADER];
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    // A request that arrived on a kept-alive connection during shutdown: its connection ends with it.
    if (closing) res.setHeader("connection", "close");
    Promise.resolve()
      .then(() => handle?.(req, res))
      .catch((err: unknown) => {
        opts.log.error({ err, url: req.url }, "request failed");
        if (res.headersSent) res.destroy();
        else res.writeHead(500).end();
      });
  });

  return {
    server,
    async listen(handler, address) {
      handle = handler;
      server.listen(address.port, address.hostname);
      await once(server, "listening");
      const { port } = server.address() as AddressInfo;
      const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname;
      return `http://${host}:${port}`;
    },
    async close() {
      closing = true;
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let streams = 0;
      for (const res of inFlight) {
        if (isEventStream(res)) {
          streams += 1;
          endEventStream(res);
        } else if (!res.headersSent) {
          res.setHeader("connection", "close");
        } else {
          // Already streaming with keep-alive: close the connection once this response is done.
          const socket = res.socket;
          res.once("finish", () => socket?.end());
        }
      }
      opts.log.info({ inFlight: inFlight.size - streams, streams }, "stopping: no new connections; finishing requests");
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), opts.shutdownTimeoutMs);
      });
      const expired = await Promise.race([closed.then(() => false), timedOut]);
      clearTimeout(timer);
      if (expired) {
        opts.log.warn(
          { unfinished: inFlight.size, timeoutMs: opts.shutdownTimeoutMs },
          "requests still running at the shutdown deadline: closing their connections",
        );
        server.closeAllConnections();
        await closed;
      }
    },
  };
}

/**
 * Stops `server` gracefully on the first SIGTERM or SIGINT (a second one kills the process the
 * default way), then runs `onStopped` (e.g. closing the Next.js app) and exits with code 0, or 1
 * when stopping failed.
 */
export function stopOnSignals(
  server: WebServer,
  opts: { log: WebServerOptions["log"]; onStopped?: () => Promise<void> },
): void {
  const stop = (signal: NodeJS.Signals) => {
    opts.log.info({ signal }, "shutting down");
    server
      .close()
      .then(() => opts.onStopped?.())
      .then(
        () => {
          opts.log.info("stopped");
          process.exit(0);
        },
        (err: unknown) => {
          opts.log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
