import { randomInt } from "node:crypto";
import { request } from "node:http";
import { STAFF_LOGIN_ATTEMPTS } from "@tabletap/auth";
import { OTP_POLICY } from "@tabletap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { loadServerEnv } from "./env";
import { startApiServer, type RunningApiServer } from "./server";
import { randomPhone, seedRestaurant, testServices } from "./testing";

/** A random loopback address (all of 127/8 is loopback on Linux), so each test client has its own rate-limit buckets. */
const randomLoopback = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
/** A random address from TEST-NET-3 (RFC 5737), for addresses a proxy reports. */
const randomClient = () => `203.0.113.${randomInt(1, 255)}`;

/**
 * POSTs `input` (JSON) to the procedure at `path` over a fresh connection from `from` (the
 * socket's source address), with `headers`. Resolves to the HTTP status and the tRPC error code.
 */
function post(
  baseUrl: string,
  path: string,
  input: unknown,
  opts: { from: string; headers?: Record<string, string> },
): Promise<{ status: number; code: string | undefined }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/trpc/${path}`,
      {
        method: "POST",
        agent: false,
        localAddress: opts.from,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...opts.headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          const parsed = JSON.parse(text) as { error?: { data?: { code?: string } } };
          resolve({ status: res.statusCode ?? 0, code: parsed.error?.data?.code });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const requestOtp = (server: RunningApiServer, from: string, headers?: Record<string, string>) =>
  post(server.urls.guest, "auth.requestOtp", { phone: randomPhone() }, { from, headers });

describe("the client address", () => {
  it("is the peer when no proxy is trusted, and the rightmost X-Forwarded-For entries one per trusted hop", () => {
    const peer = "10.0.0.9";
    const xff = "198.51.100.1, 203.0.113.7, 10.0.0.8";
    expect(clientAddress({ peer, forwardedFor: xff, trustedHops: 0 })).toBe(peer);
    expect(clientAddress({ peer, forwardedFor: xff, trustedHops: 1 })).toBe("10.0.0.8");
    expect(clientAddress({ peer, forwardedFor: xff, trustedHops: 2 })).toBe("203.0.113.7");
    // More hops configured than the request passed through: the leftmost entry, never beyond.
    expect(clientAddress({ peer, forwardedFor: "203.0.113.7", trustedHops: 3 })).toBe("203.0.113.7");
    expect(clientAddress({ peer, forwardedFor: null, trustedHops: 1 })).toBe(peer);
    // An IPv4 peer reported by a dual-stack socket is written as IPv4.
    expect(clientAddress({ peer: "::ffff:127.0.0.2", forwardedFor: null, trustedHops: 0 })).toBe("127.0.0.2");
    expect(clientAddress({ peer: undefined, forwardedFor: "203.0.113.7", trustedHops: 0 })).toBe("unknown");
  });

  it("trusts no proxy unless TRUST_PROXY_HOPS says how many", () => {
    expect(loadServerEnv({}).TRUST_PROXY_HOPS).toBe(0);
    expect(loadServerEnv({ TRUST_PROXY_HOPS: "2" }).TRUST_PROXY_HOPS).toBe(2);
    for (const invalid of ["-1", "1.5", "true"])
      expect(() => loadServerEnv({ TRUST_PROXY_HOPS: invalid }), invalid).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe("rate limits per client over HTTP, with no proxy trusted (TRUST_PROXY_HOPS=0)", () => {
  let server: RunningApiServer;
  beforeAll(async () => {
    server = await startApiServer({ services: testServices(), host: "127.0.0.1", ports: { guest: 0, staff: 0 } });
  });
  afterAll(() => server.close());

  it("gives a code to each of many guests on different addresses: one client's limit doesn't lock out another", async () => {
    const statuses = [];
    for (let i = 0; i <= OTP_POLICY.requestsPerIpPerHour; i += 1)
      statuses.push((await requestOtp(server, randomLoopback())).status);
    expect(statuses).toEqual(statuses.map(() => 200));
  });

  it("keys a direct client by its socket address, whatever X-Forwarded-For it writes", async () => {
    const from = randomLoopback();
    for (let i = 0; i < OTP_POLICY.requestsPerIpPerHour; i += 1)
      expect((await requestOtp(server, from, { "x-forwarded-for": randomClient() })).status).toBe(200);
    expect(await requestOtp(server, from, { "x-forwarded-for": randomClient() })).toMatchObject({
      status: 429,
      code: "TOO_MANY_REQUESTS",
    });
    // Its neighbour is not locked out.
    expect((await requestOtp(server, randomLoopback())).status).toBe(200);
  });

  it("lets the manager sign in from their address while someone else guesses their password from another", async () => {
    const seeded = await seedRestaurant();
    const manager = seeded.staff.find((account) => account.role === "manager")!;
    const attacker = randomLoopback();
    for (let i = 0; i < STAFF_LOGIN_ATTEMPTS; i += 1)
      await post(server.urls.staff, "auth.staffLogin", { email: manager.email, password: "guess" }, { from: attacker });
    expect(
      await post(server.urls.staff, "auth.staffLogin", { email: manager.email, password: "guess" }, { from: attacker }),
    ).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });

    const real = await post(
      server.urls.staff,
      "auth.staffLogin",
      { email: manager.email, password: manager.password },
      { from: randomLoopback() },
    );
    expect(real.status).toBe(200);
  });
});

describe("rate limits per client over HTTP behind one proxy (TRUST_PROXY_HOPS=1)", () => {
  let server: RunningApiServer;
  beforeAll(async () => {
    server = await startApiServer({
      services: testServices({ TRUST_PROXY_HOPS: "1" }),
      host: "127.0.0.1",
      ports: { guest: 0, staff: 0 },
    });
  });
  afterAll(() => server.close());

  it("keys a client by the address the proxy appended, not by what the client wrote before it", async () => {
    const proxy = randomLoopback();
    const client = randomClient();
    for (let i = 0; i < OTP_POLICY.requestsPerIpPerHour; i += 1)
      expect((await requestOtp(server, proxy, { "x-forwarded-for": `${randomClient()}, ${client}` })).status).toBe(200);
    expect(await requestOtp(server, proxy, { "x-forwarded-for": `${randomClient()}, ${client}` })).toMatchObject({
      status: 429,
      code: "TOO_MANY_REQUESTS",
    });
    // Another client through the same proxy is not locked out.
    const other = `198.51.100.${randomInt(1, 255)}`;
    expect((await requestOtp(server, proxy, { "x-forwarded-for": `${client}, ${other}` })).status).toBe(200);
  });
});
