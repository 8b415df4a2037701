import { SESSION_COOKIES } from "@tabletap/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type RunningApiServer } from "./server";
import { seedRestaurant, testServices } from "./testing";

let server: RunningApiServer;
beforeAll(async () => {
  server = await startApiServer({ services: testServices(), host: "127.0.0.1", ports: { guest: 0, staff: 0 } });
});
afterAll(() => server.close());

describe("the standalone API server", () => {
  it("serves the guest API on its guest port as the guest app does, with ETags", async () => {
    const seeded = await seedRestaurant();
    const input = encodeURIComponent(JSON.stringify({ tableCode: seeded.tables[0]!.code }));
    const res = await fetch(`${server.urls.guest}/api/trpc/menu.forTable?input=${input}`);
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
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
    expect(cookies).toContain(SESSION_COOKIES.staff.access);
    expect(cookies).not.toContain(SESSION_COOKIES.guest.access);
  });
});
