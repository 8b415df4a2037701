/**
 * A web server for the SIGTERM test in server.test.ts, run as its own process: `createWebServer`
 * and `stopOnSignals` as the CLI wires them, with a handler that answers `started` at once and
 * `done (N bytes)` when the request body has ended. Prints its URL on stdout.
 */
import { pino } from "pino";
import { createWebServer, stopOnSignals } from "./server";

const log = pino({ level: "silent" });
const web = createWebServer({ shutdownTimeoutMs: 10_000, log });
const url = await web.listen(
  async (req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("started\n");
    let bytes = 0;
    for await (const chunk of req) bytes += (chunk as Buffer).length;
    res.end(`done (${bytes} bytes)\n`);
  },
  { hostname: "127.0.0.1", port: 0 },
);
stopOnSignals(web, { log });
process.stdout.write(`${url}\n`);
