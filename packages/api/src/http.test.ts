import { randomInt } from "node:crypto";
import { OTP_POLICY } from "@tabletap/core";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@tabletap/core/peer-address";
import { createTrpcRouteHandler } from "./http";
import { randomPhone, seedRestaurant, testServices } from "./testing";

const origin = "http://127.0.0.1";
const menuUrl = (tableCode: string) =>
  `${origin}/api/trpc/menu.forTable?input=${encodeURIComponent(JSON.stringify({ tableCode }))}`;

describe("the /api/trpc route handler", () => {
  it("answers a query with an ETag, and a phone that already has the menu gets 304 with no body", async () => {
    const seeded = await seedRestaurant();
    const handler = createTrpcRouteHandler("guest", { services: () => testServices() });
    const first = await handler(new Request(menuUrl(seeded.tables[0]!.code)));
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^W\//);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(((await first.json()) as { result: { data: { table: { label: string } } } }).result.data.table.label).toBe(
      seeded.tables[0]!.label,
    );

    const again = await handler(new Request(menuUrl(seeded.tables[0]!.code), { headers: { "if-none-match": tag! } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // Another table's menu is another body: a stale tag gets the full answer.
    const other = await handler(new Request(menuUrl(seeded.tables[1]!.code), { headers: { "if-none-match": tag! } }));
    expect(other.status).toBe(200);
  });

  it("keys each client by the peer address its app's server hands over, not by X-Forwarded-For", async () => {
    const handler = createTrpcRouteHandler("guest", { services: () => testServices() });
    const requestOtp = (peer: string) =>
      handler(
        new Request(`${origin}/api/trpc/auth.requestOtp`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [PEER_ADDRESS_HEADER]: peer,
            "x-forwarded-for": "198.51.100.1",
          },
          body: JSON.stringify({ phone: randomPhone() }),
        }),
      );
    const network = `10.${randomInt(256)}.${randomInt(256)}`;
    for (let i = 0; i < OTP_POLICY.requestsPerIpPerHour; i += 1)
      expect((await requestOtp(`${network}.1`)).status).toBe(200);
    expect((await requestOtp(`${network}.1`)).status).toBe(429);
    // Its neighbour is not locked out.
    expect((await requestOtp(`${network}.2`)).status).toBe(200);
  });

  it("sheds requests past API_MAX_IN_FLIGHT with an immediate 503 and Retry-After, and recovers", async () => {
    const seeded = await seedRestaurant();
    const base = testServices({ API_MAX_IN_FLIGHT: "1" });
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first request holds its slot while building its context (its database connection waits on the gate).
    let held = true;
    const services = { ...base, connectDb: () => (held ? gate : base.connectDb()) };
    const handler = createTrpcRouteHandler("guest", { services: () => services });

    const slow = handler(new Request(menuUrl(seeded.tables[0]!.code)));
    const shed = await handler(new Request(menuUrl(seeded.tables[0]!.code)));
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(await shed.json()).toMatchObject({ error: { message: expect.stringMatching(/very busy/) } });

    held = false;
    release();
    expect((await slow).status).toBe(200);
    expect((await handler(new Request(menuUrl(seeded.tables[0]!.code)))).status).toBe(200);
  });
});
