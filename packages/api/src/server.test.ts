import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { SESSION_COOKIES } from "@tabletap/auth";
import { API_LIMITS } from "@tabletap/core/api-limits";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type RunningApiServer } from "./server";
import type { Services } from "./services";
import { latestOtp, randomPhone, seedRestaurant, testServices } from "./testing";

let server: RunningApiServer;
beforeAll(async () => {
  server = await startApiServer({ services: testServices(), host: "127.0.0.1", ports: { guest: 0, staff: 0 } });
});
afterAll(() => server.close());

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;
const json = { "content-type": "application/json" };
const menuInput = (seeded: Seeded) => encodeURIComponent(JSON.stringify({ tableCode: seeded.tables[0]!.code }));

/** The tRPC error of a response: its `data.code` and `message`. */
async function trpcError(res: Response): Promise<{ code?: string; message?: string }> {
  const body = (await res.json()) as { error?: { message?: string; data?: { code?: string } } };
  return { code: body.error?.data?.code, message: body.error?.message };
}

/** Signs a staff member of `seeded` in on `baseUrl`; resolves to the `cookie` header a browser would send. */
async function staffCookie(baseUrl: string, seeded: Seeded): Promise<string> {
  const account = seeded.staff.find((s) => s.role === "staff")!;
  const res = await fetch(`${baseUrl}/api/trpc/auth.staffLogin`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Reads a tRPC SSE response until its `serialized-error` event and returns that event's data. */
async function sseError(res: Response): Promise<{ data?: { code?: string } }> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of res.body! as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    const event = /event: serialized-error\ndata: (.*)\n/.exec(text);
    if (event) {
      await res.body!.cancel().catch(() => undefined);
      return JSON.parse(event[1]!) as { data?: { code?: string } };
    }
  }
  throw new Error(`The stream ended without an error:\n${text}`);
}

/** A logger whose entries the test can read (pino JSON lines, parsed). */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

/** Runs `fn` against a standalone server on `services`, then stops it. */
async function withServer<T>(services: Services, fn: (server: RunningApiServer) => Promise<T>): Promise<T> {
  const other = await startApiServer({ services, host: "127.0.0.1", ports: { guest: 0, staff: 0 } });
  try {
    return await fn(other);
  } finally {
    await other.close();
  }
}

describe("the standalone API server", () => {
  it("serves the guest API on its guest port as the guest app does, with ETags", async () => {
    const seeded = await seedRestaurant();
    const res = await fetch(`${server.urls.guest}/api/trpc/menu.forTable?input=${menuInput(seeded)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^W\//);
    const body = (await res.json()) as { result: { data: { restaurant: { slug: string } } } };
    expect(body.result.data.restaurant.slug).toBe(seeded.slug);
    expect((await fetch(`${server.urls.guest}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.urls.guest}/elsewhere`)).status).toBe(404);
  });

  it("signs staff in on the staff port with the dashboard's cookies", async () => {
    const seeded = await seedRestaurant();
    const account = seeded.staff.find((s) => s.role === "staff")!;
    const res = await fetch(`${server.urls.staff}/api/trpc/auth.staffLogin`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
    expect(cookies).toContain(SESSION_COOKIES.staff.access);
    expect(cookies).not.toContain(SESSION_COOKIES.guest.access);
  });

  it("serves each app only its own procedures: the guest app's on the guest port, the dashboard's on the staff port", async () => {
    const seeded = await seedRestaurant();
    const menuOnStaff = await fetch(`${server.urls.staff}/api/trpc/menu.forTable?input=${menuInput(seeded)}`);
    expect(menuOnStaff.status).toBe(404);
    expect(await trpcError(menuOnStaff)).toMatchObject({ code: "NOT_FOUND" });

    const cookie = await staffCookie(server.urls.staff, seeded);
    const ticketsOnGuest = await fetch(`${server.urls.guest}/api/trpc/kitchen.tickets`, { headers: { cookie } });
    expect(ticketsOnGuest.status).toBe(404);
    expect(await trpcError(ticketsOnGuest)).toMatchObject({ code: "NOT_FOUND" });
    const advanceOnGuest = await fetch(`${server.urls.guest}/api/trpc/kitchen.advance`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ orderId: "0".repeat(24), to: "accepted" }),
    });
    expect(advanceOnGuest.status).toBe(404);
    expect((await fetch(`${server.urls.staff}/api/trpc/kitchen.tickets`, { headers: { cookie } })).status).toBe(200);
  });

  it("takes Razorpay's webhooks on the guest port only, checking their signature", async () => {
    const unsigned = { method: "POST", headers: { ...json, "x-razorpay-signature": "0".repeat(64) }, body: "{}" };
    const onGuest = await fetch(`${server.urls.guest}/api/webhooks/razorpay`, unsigned);
    expect(onGuest.status).toBe(400);
    expect(await onGuest.json()).toEqual({ status: "invalid signature" });
    expect((await fetch(`${server.urls.staff}/api/webhooks/razorpay`, unsigned)).status).toBe(404);
  });
});

describe("request size limits", () => {
  it(`answers a batch of up to ${API_LIMITS.maxBatchSize} calls and refuses a larger one`, async () => {
    const seeded = await seedRestaurant();
    const batch = (size: number) => {
      const paths = Array.from({ length: size }, () => "menu.forTable").join(",");
      const inputs = Object.fromEntries(
        Array.from({ length: size }, (_, i) => [i, { tableCode: seeded.tables[0]!.code }]),
      );
      return fetch(
        `${server.urls.guest}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
      );
    };
    expect((await batch(API_LIMITS.maxBatchSize)).status).toBe(200);
    const tooMany = await batch(API_LIMITS.maxBatchSize + 1);
    expect(tooMany.status).toBe(400);
  });

  it("refuses a body over the limit with 413 before reading it, whatever it holds", async () => {
    const login = (body: RequestInit["body"], headers: Record<string, string> = {}) =>
      fetch(`${server.urls.staff}/api/trpc/auth.staffLogin`, {
        method: "POST",
        headers: { ...json, ...headers },
        body,
      });
    const tenMegabytes = JSON.stringify({ email: "a@b.test", password: "x".repeat(10 * 1024 * 1024) });
    const huge = await login(tenMegabytes);
    expect(huge.status).toBe(413);
    expect(await trpcError(huge)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });

    const deep = await login("[".repeat(1_000_000) + "]".repeat(1_000_000));
    expect(deep.status).toBe(413);

    // A body just under the limit is read and answered (here: the password is too long).
    const padded = JSON.stringify({ email: "a@b.test", password: "x".repeat(API_LIMITS.maxBodyBytes - 100) });
    const read = await login(padded);
    expect(read.status).toBe(400);
    expect(await trpcError(read)).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/at most 200/) });
  });

  it("counts a chunked body (no Content-Length) while reading it and cuts it at the limit", async () => {
    const chunk = "x".repeat(16 * 1024);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.urls.staff}/api/trpc/auth.staffLogin`, {
        method: "POST",
        headers: json, // no Content-Length: Node sends Transfer-Encoding: chunked
      });
      req.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (data: string) => (body += data));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write(`{"email":"a@b.test","password":"`);
      // Writes until the server answers (at most 10 MB), like a client streaming an endless body.
      let written = 0;
      const pump = () => {
        while (written < 10 * 1024 * 1024 && !req.destroyed) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end(`"}`);
      };
      pump();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { data: { code: "PAYLOAD_TOO_LARGE" } } });
  });
});

describe("cross-site request forgery", () => {
  /** Signs in, then resolves to a function that sends `auth.logout` with `init`, and one that says whether the session still renews. */
  async function signedIn() {
    const seeded = await seedRestaurant();
    const cookie = await staffCookie(server.urls.staff, seeded);
    const logout = (init: { headers?: Record<string, string>; body?: RequestInit["body"] }) =>
      fetch(`${server.urls.staff}/api/trpc/auth.logout`, {
        method: "POST",
        ...init,
        headers: { cookie, ...init.headers },
      });
    const renews = async () =>
      (await fetch(`${server.urls.staff}/api/trpc/auth.refresh`, { method: "POST", headers: { ...json, cookie } }))
        .status === 200;
    return { logout, renews };
  }

  it("refuses a mutation sent as a form (multipart or URL-encoded), and the session stays", async () => {
    const { logout, renews } = await signedIn();
    const form = new FormData();
    form.set("x", "1");
    const multipart = await logout({ body: form });
    expect(multipart.status).toBe(415);
    expect(multipart.headers.getSetCookie()).toEqual([]);
    expect(await trpcError(multipart)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: /JSON/ });
    const urlEncoded = await logout({ body: new URLSearchParams({ x: "1" }) });
    expect(urlEncoded.status).toBe(415);
    const text = await logout({ headers: { "content-type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    expect(await renews()).toBe(true);
  });

  it("refuses a mutation from another site (Sec-Fetch-Site, else Origin), and the session stays", async () => {
    const { logout, renews } = await signedIn();
    for (const site of ["cross-site", "same-site"]) {
      const res = await logout({ headers: { ...json, "sec-fetch-site": site }, body: "{}" });
      expect(res.status, site).toBe(403);
      expect(await trpcError(res)).toMatchObject({ code: "FORBIDDEN" });
    }
    for (const origin of ["https://evil.example", "null", `http://localhost:1`]) {
      const res = await logout({ headers: { ...json, origin }, body: "{}" });
      expect(res.status, origin).toBe(403);
    }
    expect(await renews()).toBe(true);
  });

  it("accepts a mutation from the app's own pages, and from a client that sends neither header", async () => {
    const host = new URL(server.urls.staff).host;
    const own: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { origin: `http://${host}` }, {}];
    for (const headers of own) {
      const { logout, renews } = await signedIn();
      const res = await logout({ headers: { ...json, ...headers }, body: "{}" });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(await renews()).toBe(false);
    }
  });
});

describe("live subscriptions", () => {
  it("refuses a lastEventId that is not a Redis stream id with BAD_REQUEST", async () => {
    const seeded = await seedRestaurant();
    const cookie = await staffCookie(server.urls.staff, seeded);
    for (const lastEventId of ["99999999999999999999-0", "1-18446744073709551616", "garbage"]) {
      const input = encodeURIComponent(JSON.stringify({ lastEventId }));
      const res = await fetch(`${server.urls.staff}/api/trpc/kitchen.onTicket?input=${input}`, {
        headers: { cookie, accept: "text/event-stream" },
      });
      expect(await sseError(res), lastEventId).toMatchObject({ data: { code: "BAD_REQUEST" } });
    }
    const guestInput = encodeURIComponent(
      JSON.stringify({ orderId: "0".repeat(24), lastEventId: "99999999999999999999-0" }),
    );
    const guest = await fetch(`${server.urls.guest}/api/trpc/order.onUpdate?input=${guestInput}`, {
      headers: { accept: "text/event-stream" },
    });
    // Not signed in as a guest: refused before the input is read, but never an internal error.
    expect(await sseError(guest)).toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });
});

describe("request ids and error logs", () => {
  it("answers every request with an x-request-id: the caller's when well formed, else a new one", async () => {
    const healthy = await fetch(`${server.urls.staff}/api/trpc/auth.session`);
    expect(healthy.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${server.urls.staff}/api/trpc/auth.session`, {
      headers: { "x-request-id": "lb-7f3a9c.1" },
    });
    expect(given.headers.get("x-request-id")).toBe("lb-7f3a9c.1");
    const malformed = await fetch(`${server.urls.staff}/api/trpc/auth.session`, {
      headers: { "x-request-id": `a b\u00e9${"x".repeat(200)}` },
    });
    expect(malformed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${server.urls.staff}/api/trpc/auth.logout`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-request-id": "refused-1" },
    });
    expect(refused.headers.get("x-request-id")).toBe("refused-1");
  });

  it("logs an error raised while building the context, with the request id", async () => {
    const { log, lines } = capturedLogger();
    const services: Services = {
      ...testServices(),
      log,
      connectDb: () => Promise.reject(new Error("database unreachable")),
    };
    await withServer(services, async (broken) => {
      const res = await fetch(`${broken.urls.staff}/api/trpc/auth.session`, { headers: { "x-request-id": "ctx-1" } });
      expect(res.status).toBe(500);
      expect(res.headers.get("x-request-id")).toBe("ctx-1");
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        requestId: "ctx-1",
        path: "auth.session",
        err: expect.objectContaining({ message: "database unreachable" }),
      }),
    );
  });

  it("logs what a procedure logs with the request id (an order whose event could not be queued)", async () => {
    const seeded = await seedRestaurant();
    const { log, lines } = capturedLogger();
    // SQS down: nothing listens on port 9, so the order's event stays in the outbox, with a warning.
    const services: Services = { ...testServices({ SQS_ENDPOINT: "http://127.0.0.1:9" }), log };
    await withServer(services, async (sqsDown) => {
      const phone = randomPhone();
      const send = (path: string, input: unknown, headers: Record<string, string> = {}) =>
        fetch(`${sqsDown.urls.guest}/api/trpc/${path}`, {
          method: "POST",
          headers: { ...json, ...headers },
          body: JSON.stringify(input),
        });
      expect((await send("auth.requestOtp", { phone })).status).toBe(200);
      const signedIn = await send("auth.verifyOtp", { phone, code: await latestOtp(phone) });
      const cookie = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const placed = await send(
        "order.place",
        {
          tableCode: seeded.tables[0]!.code,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: seeded.items.get("Jeera Rice")!._id.toString(), quantity: 1 }],
        },
        { cookie, "x-request-id": "order-1" },
      );
      expect(placed.status).toBe(200);
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, requestId: "order-1", type: "order.placed", msg: expect.any(String) }),
    );
  });

  it("logs an error raised inside a live subscription, with the request id", async () => {
    const seeded = await seedRestaurant();
    const { log, lines } = capturedLogger();
    const services: Services = { ...testServices(), log };
    await services.bus.close(); // every subscription now fails once it starts streaming
    await withServer(services, async (broken) => {
      const cookie = await staffCookie(broken.urls.staff, seeded);
      const res = await fetch(`${broken.urls.staff}/api/trpc/kitchen.onTicket?input=%7B%7D`, {
        headers: { cookie, accept: "text/event-stream", "x-request-id": "sse-1" },
      });
      expect(await sseError(res)).toMatchObject({ data: { code: "INTERNAL_SERVER_ERROR" } });
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        requestId: "sse-1",
        path: "kitchen.onTicket",
        err: expect.objectContaining({ message: "EventBus is closed" }),
      }),
    );
  });
});
