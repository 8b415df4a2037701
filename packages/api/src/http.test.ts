import { describe, expect, it } from "vitest";
import { createTrpcRouteHandler } from "./http";
import { seedRestaurant, testServices } from "./testing";

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
