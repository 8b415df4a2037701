import { spawn } from "node:child_process";
import { once } from "node:events";
import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@tabletap/core/peer-address";
import { createWebServer, type RequestHandler, type WebServer } from "./server";

const log = pino({ level: "silent" });
const servers: WebServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(handler: RequestHandler, shutdownTimeoutMs = 10_000): Promise<{ web: WebServer; url: string }> {
  const web = createWebServer({ shutdownTimeoutMs, log });
  servers.push(web);
  return { web, url: await web.listen(handler, { hostname: "127.0.0.1", port: 0 }) };
}

/** Resolves "connected" or the connection error's code (e.g. "ECONNREFUSED") of a new TCP connection to `url`. */
function tryConnect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** A GET on a connection of its own; resolves with the response once its headers arrive. */
function get(url: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, resolve).once("error", reject).end();
  });
}

async function text(res: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of res) body += String(chunk);
  return body;
}

/** A promise and the function that resolves it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A handler for `/slow` (answers when `release()` is called) and `/events` (a live SSE stream). */
function slowAndLive() {
  const released = deferred();
  const slowEntered = deferred();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/events") {
      // As Next.js sends a route handler's Response: headers set one by one, then streamed.
      res.setHeader("content-type", "text/event-stream");
      res.setHeader("cache-control", "no-cache, no-transform");
      res.write("data: hello\n\n");
      return;
    }
    slowEntered.resolve();
    await released.promise;
    res.end("done");
  };
  return { handler, release: released.resolve, slowEntered: slowEntered.promise };
}

describe("createWebServer", () => {
  it("sets the peer address header from the socket, overwriting the one the client sent", async () => {
    const { url } = await start((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    expect(await text(await get(url))).toBe("127.0.0.1");
    expect(await text(await get(url, { [PEER_ADDRESS_HEADER]: "203.0.113.9" }))).toBe("127.0.0.1");
    expect(await text(await get(url, { "X-Tabletap-Peer-Address": "203.0.113.9, 10.0.0.1" }))).toBe("127.0.0.1");
  });

  it("on close refuses new connections, ends live streams with a retry hint and lets requests finish", async () => {
    const { handler, release, slowEntered } = slowAndLive();
    const { web, url } = await start(handler);
    const live = await get(`${url}/events`);
    const stream = text(live);
    const slow = get(`${url}/slow`);
    await slowEntered;

    const closed = web.close();

    expect(await tryConnect(url)).toBe("ECONNREFUSED");
    // The live stream ends cleanly (no error), its last field telling the client when to reconnect.
    expect(await stream).toMatch(/^data: hello\n\nretry: \d{4}\n\n$/);
    release();
    const res = await slow;
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe("close");
    expect(await text(res)).toBe("done");
    await closed;
  });

  it("closes the connections of requests still running at the shutdown deadline", async () => {
    const { handler, slowEntered } = slowAndLive();
    const { web, url } = await start(handler, 100);
    const slow = get(`${url}/slow`);
    await slowEntered;

    await web.close();

    await expect(slow).rejects.toThrow(/socket hang up/);
  });
});

describe("stopOnSignals", () => {
  it("on SIGTERM stops taking connections, finishes the request in flight and exits 0", async () => {
    const fixture = fileURLToPath(new URL("./server.fixture.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const url = line.toString().trim();
      // A request whose body is still being sent: the server has answered its first line only.
      const response = deferred<IncomingMessage>();
      const req = request(url, { method: "POST", agent: false }, response.resolve);
      req.write("first part;");
      const res = await response.promise;
      const body = text(res);

      child.kill("SIGTERM");

      await expect
        .poll(() => tryConnect(url), { message: "new connections refused after SIGTERM" })
        .toBe("ECONNREFUSED");
      req.end("second part");
      expect(await body).toBe("started\ndone (22 bytes)\n");
      expect(await exited).toEqual([0, null]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
