#!/usr/bin/env tsx
/**
 * `tabletap-next [--dev] [--port 3000] [--hostname 0.0.0.0]`: runs the Next.js app of the
 * current directory (both apps' `dev` and `start` scripts) in `createWebServer`, Next.js's
 * documented custom server (`next({ dev, dir, hostname, port })` and `app.getRequestHandler()`
 * on a Node `http` server), instead of `next dev`/`next start`, so that every request carries
 * the socket's peer address (`PEER_ADDRESS_HEADER`) and SIGTERM/SIGINT stop it gracefully
 * (`stopOnSignals`). `--dev` serves the app in development mode (Turbopack, hot reload); without
 * it, the production build in `.next` (`next build` first). Defaults as `next start`: port 3000,
 * all interfaces. Reads `LOG_LEVEL` and `SHUTDOWN_TIMEOUT_MS` (see env.ts).
 */
import { createRequire } from "node:module";
import type { Server } from "node:http";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { setNextProcessEnv, webServerEnv } from "./env";
import { createWebServer, stopOnSignals, type RequestHandler } from "./server";

/** The part of Next.js's custom-server API used here (`next(options)`; Next.js docs, "Custom Server"). */
interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): RequestHandler;
  close(): Promise<void>;
}
type CreateNextApp = (options: {
  dev: boolean;
  dir: string;
  hostname: string;
  port: number;
  httpServer: Server;
}) => NextApp;

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: "3000" },
    hostname: { type: "string", default: "0.0.0.0" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535)
  throw new Error(`--port must be 1–65535, got "${values.port}"`);
const { dev, hostname } = values;

setNextProcessEnv(dev);
const env = webServerEnv();
const log = pino({ name: "web", level: env.LOG_LEVEL });
const dir = process.cwd();
// The app's own Next.js: the version its build was made with.
const createNextApp = createRequire(join(dir, "package.json"))("next") as CreateNextApp;

const web = createWebServer({ shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS, log });
const app = createNextApp({ dev, dir, hostname, port, httpServer: web.server });
await app.prepare();
const url = await web.listen(app.getRequestHandler(), { hostname, port });
stopOnSignals(web, { log, onStopped: () => app.close() });
log.info({ url, dev, dir }, "listening");
