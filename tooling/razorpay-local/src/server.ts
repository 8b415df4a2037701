/**
 * The local Razorpay's HTTP server (node:http): Razorpay's API under `/v1` (Basic auth with an
 * account's key id and secret), Checkout (`/v1/checkout.js`, `/checkout/:orderId`), and the
 * test-only `/_local/*` endpoints. See README.md for the contract.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkoutErrorPage, checkoutPage, checkoutScript } from "./checkout";
import { LocalRazorpay, type DriverOptions, type PayInput } from "./driver";
import type { Account } from "./entities";
import { RazorpayApiError, authenticationFailed } from "./errors";

/** The most a request body may hold (bytes). */
const MAX_BODY_BYTES = 1 << 20;

export interface StartOptions extends DriverOptions {
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** An account made at start with these keys (the stack's default account). */
  defaultAccount?: { keyId: string; keySecret: string; webhookSecret: string; webhookUrl?: string | null };
}

export interface RunningDriver {
  /** `http://host:port`: `RAZORPAY_API_URL`; Checkout's script is `${url}/v1/checkout.js`. */
  url: string;
  /** Closes the server and stops background webhook retries. */
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RazorpayApiError(400, "The request body is too large.");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json") || text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // answered below
    }
    throw new RazorpayApiError(400, "The request body is not valid JSON.");
  }
  // Form-encoded, as Razorpay also accepts: `amount=100&notes[key]=value`.
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const nested = /^(\w+)\[(\w+)\]$/.exec(key);
    if (nested?.[1] && nested[2]) {
      const inner = (body[nested[1]] ??= {}) as Record<string, string>;
      inner[nested[2]] = value;
    } else body[key] = value;
  }
  return body;
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const text = type === "application/json" ? JSON.stringify(body) : String(body);
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(text);
}

/** The account of a request's Basic credentials. @throws RazorpayApiError 401. */
function basicAuth(driver: LocalRazorpay, req: IncomingMessage): Account {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) throw authenticationFailed();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw authenticationFailed();
  return driver.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function payInput(body: Json): PayInput {
  const card = str(body.card);
  if (!card) throw new RazorpayApiError(400, "The card field is required.", "card");
  const notes =
    body.notes && typeof body.notes === "object" && !Array.isArray(body.notes)
      ? (body.notes as Record<string, string>)
      : undefined;
  return { card, contact: str(body.contact), email: str(body.email), description: str(body.description), notes };
}

/** A checkout answer: the handler's response (200), or a declined payment's `{ error }` (400). */
function sendPayment(res: ServerResponse, result: Awaited<ReturnType<LocalRazorpay["pay"]>>): void {
  send(res, "error" in result ? 400 : 200, result);
}

function webhookUrlOf(body: Json): string | null {
  const url = body.webhookUrl;
  if (url === undefined || url === null || url === "") return null;
  if (typeof url !== "string" || !/^https?:\/\//.test(url))
    throw new RazorpayApiError(400, "The webhookUrl must be an http(s) URL.", "webhookUrl");
  return url;
}

/**
 * Starts the local Razorpay. Resolves once it listens.
 * @throws Error when the port is taken.
 */
export async function startRazorpayDriver(opts: StartOptions = {}): Promise<RunningDriver> {
  const driver = new LocalRazorpay(opts);
  if (opts.defaultAccount)
    driver.createAccount({ keys: opts.defaultAccount, webhookUrl: opts.defaultAccount.webhookUrl });
  let origin = "";

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const is = (m: string, ...pattern: string[]) =>
      method === m && parts.length === pattern.length && pattern.every((p, i) => p === "*" || p === parts[i]);
    const id = (i: number) => parts[i] ?? "";

    // --- Checkout ---
    if (is("GET", "v1", "checkout.js")) return send(res, 200, checkoutScript(origin), "text/javascript");
    if (is("GET", "checkout", "*")) {
      const q = url.searchParams;
      const keyId = q.get("key_id") ?? "";
      let order;
      try {
        order = driver.fetchOrder(driver.accountByKeyId(keyId), id(1));
      } catch (error) {
        if (!(error instanceof RazorpayApiError)) throw error;
        return send(res, error.status, checkoutErrorPage(error.description), "text/html");
      }
      const page = checkoutPage(order, {
        keyId,
        name: q.get("name") ?? "",
        description: q.get("description") ?? "",
        contact: q.get("contact") ?? "",
        email: q.get("email") ?? "",
        notes: q.get("notes") ?? "{}",
        origin: q.get("origin") ?? "",
      });
      return send(res, 200, page, "text/html");
    }
    if (is("POST", "checkout", "*", "pay")) {
      const body = await readBody(req);
      const account = driver.accountByKeyId(str(body.key_id) ?? "");
      return sendPayment(res, await driver.pay(account, id(1), payInput(body)));
    }

    // --- test-only ---
    if (is("GET", "_local", "health")) return send(res, 200, { service: "razorpay-local" });
    if (is("POST", "_local", "accounts")) {
      const account = driver.createAccount({ webhookUrl: webhookUrlOf(await readBody(req)) });
      return send(res, 200, account);
    }
    if (is("PATCH", "_local", "accounts", "*"))
      return send(res, 200, driver.setWebhookUrl(id(2), webhookUrlOf(await readBody(req))));
    if (is("POST", "_local", "orders", "*", "pay")) {
      const body = await readBody(req);
      return sendPayment(res, await driver.pay(driver.orderAccount(id(2)), id(2), payInput(body)));
    }
    if (is("GET", "_local", "orders", "*", "events")) return send(res, 200, { items: driver.orderEvents(id(2)) });
    if (is("POST", "_local", "webhooks", "*", "redeliver")) {
      const attempt = await driver.redeliver(id(2));
      return send(res, 200, { eventId: id(2), ...attempt });
    }

    // --- Razorpay's API ---
    if (parts[0] === "v1") {
      const account = basicAuth(driver, req);
      if (is("POST", "v1", "orders")) return send(res, 200, driver.createOrder(account, await readBody(req)));
      if (is("GET", "v1", "orders", "*")) return send(res, 200, driver.fetchOrder(account, id(2)));
      if (is("GET", "v1", "orders", "*", "payments")) return send(res, 200, driver.orderPayments(account, id(2)));
      if (is("GET", "v1", "payments", "*")) return send(res, 200, driver.fetchPayment(account, id(2)));
      if (is("POST", "v1", "payments", "*", "refund"))
        return send(res, 200, driver.refund(account, id(2), await readBody(req)));
    }
    throw new RazorpayApiError(404, "The requested URL was not found on the server.");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof RazorpayApiError) return send(res, error.status, error.body());
      console.error(error);
      send(res, 500, new RazorpayApiError(500, "We are facing some trouble completing your request.").body());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  return {
    url: origin,
    async close() {
      driver.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
