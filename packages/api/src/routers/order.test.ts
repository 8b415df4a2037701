import { randomUUID } from "node:crypto";
import { BIDI_CONTROL_CHARACTERS, ORDER_POLICY } from "@tabletap/core";
import { MenuItem, Order, Restaurant, Table } from "@tabletap/db";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTrpcRouteHandler } from "../http";
import { nextEvent, seedRestaurant, signedInGuest, signedInStaff, TestClient } from "../testing";
import { invalidateRestaurant, restaurantChanged } from "../use-cases/menu";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function item(seeded: Seeded, name: string) {
  const found = seeded.items.get(name);
  if (!found) throw new Error(`No seeded item ${name}`);
  return found;
}

function option(seeded: Seeded, itemName: string, groupName: string, optionName: string): string {
  const group = item(seeded, itemName).modifierGroups.find((g) => g.name === groupName);
  const found = group?.options.find((o) => o.name === optionName);
  if (!found) throw new Error(`No option ${optionName}`);
  return found._id.toString();
}

describe("menu.forTable", () => {
  it("returns the table's restaurant and live menu, with 86'd items marked unavailable", async () => {
    const seeded = await seedRestaurant();
    const menu = await new TestClient("guest").call((api) => api.menu.forTable({ tableCode: seeded.tables[2]!.code }));
    expect(menu.table.label).toBe("T3");
    expect(menu.restaurant).toMatchObject({ slug: seeded.slug, currency: "INR", taxBps: 500 });
    expect(menu.categories.map((c) => c.name)).toEqual(["Starters", "Mains", "Breads & Rice", "Desserts", "Beverages"]);
    const items = menu.categories.flatMap((c) => c.items);
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.find((i) => i.name === "Tandoori Prawns")?.available).toBe(false);
    expect(items.find((i) => i.name === "Chicken Biryani")?.modifierGroups[0]).toMatchObject({
      name: "Add-ons",
      minSelect: 0,
      maxSelect: 3,
    });
  });

  it("serves the menu from the cache until the restaurant's cache is dropped, as every menu write does", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    const rasmalai = item(seeded, "Rasmalai");
    const available = async () =>
      (await guest.call((api) => api.menu.forTable({ tableCode }))).categories
        .flatMap((c) => c.items)
        .find((i) => i.name === "Rasmalai")?.available;
    expect(await available()).toBe(true);

    // Written behind the API's back: the cached menu is still served.
    await MenuItem.updateOne({ _id: rasmalai._id }, { available: false });
    expect(await available()).toBe(true);

    await invalidateRestaurant(guest.services, seeded.restaurantId);
    expect(await available()).toBe(false);
    await expect(
      guest.call((api) =>
        api.order.place({
          tableCode,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: rasmalai._id.toString(), quantity: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Rasmalai/) });
  });

  it("shows a paused restaurant to guests and refuses its orders, storing nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    await Restaurant.updateOne({ _id: seeded.restaurantId }, { orderingPaused: true });
    await restaurantChanged(guest.services, seeded.restaurantId);

    const menu = await guest.call((api) => api.menu.forTable({ tableCode }));
    expect(menu.restaurant.orderingPaused).toBe(true);
    await expect(
      guest.call((api) =>
        api.order.place({
          tableCode,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: item(seeded, "Rasmalai")._id.toString(), quantity: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/isn't taking orders/) });
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(0);
  });

  it("answers NOT_FOUND for an unknown or deactivated table code", async () => {
    const seeded = await seedRestaurant();
    const guest = new TestClient("guest");
    await expect(guest.call((api) => api.menu.forTable({ tableCode: "no-such-table-code" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/This table's code isn't valid/),
    });
    await Table.updateOne({ code: seeded.tables[0]!.code }, { active: false });
    await expect(guest.call((api) => api.menu.forTable({ tableCode: seeded.tables[0]!.code }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(guest.call((api) => api.menu.forTable({ tableCode: "<script>" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/isn't valid/),
    });
  });
});

describe("order.place", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("prices the order on the server from the live menu, with modifiers and GST, and joins the table session", async () => {
    // Daily order numbers restart at the restaurant's midnight (18:30 UTC in India): place both
    // orders at noon IST (the clock still runs), so a run at any time of day sees #001 and #002.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: new Date("2026-06-15T06:30:00Z") });
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [
          {
            menuItemId: item(seeded, "Butter Chicken")._id.toString(),
            quantity: 2,
            optionIds: [option(seeded, "Butter Chicken", "Portion", "Large")],
            notes: "  less spicy  ",
          },
          { menuItemId: item(seeded, "Garlic Naan")._id.toString(), quantity: 3 },
        ],
      }),
    );
    // Butter Chicken 380 + Large 120 = 500 × 2 = 1000; Garlic Naan 70 × 3 = 210; GST 5% of 1210 = 60.50.
    expect(order.lines).toEqual([
      expect.objectContaining({
        name: "Butter Chicken",
        unitPrice: 50000,
        quantity: 2,
        lineTotal: 100000,
        notes: "less spicy",
        modifiers: [{ groupName: "Portion", name: "Large", priceDelta: 12000 }],
      }),
      expect.objectContaining({
        name: "Garlic Naan",
        unitPrice: 7000,
        quantity: 3,
        lineTotal: 21000,
        notes: null,
        station: "tandoor",
      }),
    ]);
    expect(order).toMatchObject({
      subtotal: 121000,
      serviceCharge: 0,
      tax: 6050,
      total: 127050,
      currency: "INR",
      status: "placed",
      tableLabel: "T1",
      number: "#001",
    });

    const second = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: item(seeded, "Masala Papad")._id.toString(), quantity: 1 }],
      }),
    );
    expect(second.number).toBe("#002");
    const [first, next] = await Promise.all([Order.findById(order.id).lean(), Order.findById(second.id).lean()]);
    expect(first?.tableSessionId.toString()).toBe(next?.tableSessionId.toString());
  });

  it("replaying the same idempotency key returns the same order and creates nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const input = {
      tableCode: seeded.tables[1]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: item(seeded, "Dal Makhani")._id.toString(), quantity: 1 }],
    };
    const [a, b] = await Promise.all([
      guest.call((api) => api.order.place(input)),
      guest.call((api) => api.order.place(input)),
    ]);
    const c = await guest.call((api) => api.order.place(input));
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(1);
  });

  it("rejects bad carts with a clear typed error and stores nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    const place = (items: unknown[], extra: Record<string, unknown> = {}) =>
      guest.call((api) => api.order.place({ tableCode, idempotencyKey: randomUUID(), items, ...extra } as never));
    const dosa = item(seeded, "Masala Dosa")._id.toString();
    const chai = item(seeded, "Masala Chai")._id.toString();
    const biryani = item(seeded, "Chicken Biryani")._id.toString();

    await expect(place([{ menuItemId: "0123456789abcdef01234567", quantity: 1 }])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      place([{ menuItemId: item(seeded, "Tandoori Prawns")._id.toString(), quantity: 1 }]),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Tandoori Prawns/) });
    await expect(
      place([{ menuItemId: dosa, quantity: 1, optionIds: [option(seeded, "Masala Chai", "Size", "Large")] }]),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/isn't an option for Masala Dosa/) });
    await expect(place([{ menuItemId: chai, quantity: 1 }])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Size/),
    });
    await expect(
      place([
        {
          menuItemId: chai,
          quantity: 1,
          optionIds: [option(seeded, "Masala Chai", "Size", "Regular"), option(seeded, "Masala Chai", "Size", "Large")],
        },
      ]),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(place([{ menuItemId: biryani, quantity: 0 }])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Quantity must be between 1 and 50",
    });
    await expect(place([{ menuItemId: biryani, quantity: 51 }])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Quantity must be between 1 and 50",
    });
    await expect(place([{ menuItemId: biryani, quantity: 1, notes: "x".repeat(201) }])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Notes can be at most 200 characters",
    });
    await expect(
      place(Array.from({ length: 101 }, () => ({ menuItemId: biryani, quantity: 1 }))),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "An order can have at most 100 lines" });
    await expect(place([])).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Your cart is empty" });
    await expect(place([{ menuItemId: biryani, quantity: 1, unitPrice: 1 }], { total: 1 })).resolves.toMatchObject({
      subtotal: 34000,
    });
    await expect(
      guest.call((api) =>
        api.order.place({
          tableCode: "unknown-table-code",
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: biryani, quantity: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Only the one valid order (with a client-sent price that was ignored) exists.
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(1);
  });

  it("refuses to place an order without a signed-in guest", async () => {
    const seeded = await seedRestaurant();
    await expect(
      new TestClient("guest").call((api) =>
        api.order.place({
          tableCode: seeded.tables[0]!.code,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: item(seeded, "Rasmalai")._id.toString(), quantity: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("keeps the line snapshot when the menu changes afterwards", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const rasmalai = item(seeded, "Rasmalai");
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: rasmalai._id.toString(), quantity: 1 }],
      }),
    );
    await MenuItem.updateOne({ _id: rasmalai._id }, { price: 99900, name: "Rasmalai Deluxe" });
    const again = await guest.call((api) => api.order.get({ orderId: order.id }));
    expect(again.lines[0]).toMatchObject({ name: "Rasmalai", unitPrice: 13000 });
  });
});

describe("order.place under a flood", () => {
  /** Places a one-item order (`key`: its idempotency key) and answers "ok" or the tRPC error code. */
  async function attempt(seeded: Seeded, guest: TestClient, table: number, key = randomUUID()) {
    const items = [{ menuItemId: item(seeded, "Masala Papad")._id.toString(), quantity: 1 }];
    return guest
      .call((api) => api.order.place({ tableCode: seeded.tables[table]!.code, idempotencyKey: key, items }))
      .then(
        () => "ok",
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      );
  }

  it("refuses a guest's orders past ORDER_POLICY.ordersPerGuest, however parallel, and stores none of them", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const first = randomUUID();
    await attempt(seeded, guest, 0, first);
    const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(seeded, guest, i % 3)));
    expect(flood.filter((answer) => answer === "ok")).toHaveLength(ORDER_POLICY.ordersPerGuest - 1);
    expect(new Set(flood.filter((answer) => answer !== "ok"))).toEqual(
      new Set([
        expect.stringMatching(/^TOO_MANY_REQUESTS: You've placed a lot of orders\. Try again in \d+ minutes\.$/),
      ]),
    );
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(ORDER_POLICY.ordersPerGuest);

    // A retry of an order already taken is answered with it, not counted; other guests still order.
    expect(await attempt(seeded, guest, 0, first)).toBe("ok");
    expect(await attempt(seeded, await signedInGuest(), 0)).toBe("ok");

    // Over HTTP the refusal is a 429 with Retry-After (seconds).
    const handler = createTrpcRouteHandler("guest", { services: () => guest.services });
    const cookie = [...guest.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const res = await handler(
      new Request("http://127.0.0.1/api/trpc/order.place", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({
          tableCode: seeded.tables[0]!.code,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: item(seeded, "Masala Papad")._id.toString(), quantity: 1 }],
        }),
      }),
    );
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(ORDER_POLICY.windowSeconds);
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(ORDER_POLICY.ordersPerGuest + 1);
  });

  it("refuses a table's orders past ORDER_POLICY.ordersPerTable, from however many guests", async () => {
    const seeded = await seedRestaurant();
    const guests = await Promise.all(
      Array.from({ length: Math.ceil(ORDER_POLICY.ordersPerTable / ORDER_POLICY.ordersPerGuest) + 1 }, () =>
        signedInGuest(),
      ),
    );
    const answers = await Promise.all(
      Array.from({ length: ORDER_POLICY.ordersPerTable + 5 }, (_, i) => attempt(seeded, guests[i % guests.length]!, 1)),
    );
    expect(answers.filter((answer) => answer === "ok")).toHaveLength(ORDER_POLICY.ordersPerTable);
    expect(new Set(answers.filter((answer) => answer !== "ok"))).toEqual(
      new Set([
        expect.stringMatching(
          /^TOO_MANY_REQUESTS: This table has placed a lot of orders\. .*Try again in \d+ minutes\.$/,
        ),
      ]),
    );
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(ORDER_POLICY.ordersPerTable);
    // The next table is another table.
    expect(await attempt(seeded, guests[0]!, 2)).toBe("ok");
  });
});

describe("order notes", () => {
  it("are stored without bidirectional controls, so the kitchen reads what the guest typed", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const notes = `\u202Estun on\u202C, ${BIDI_CONTROL_CHARACTERS.join("")}कम तीखा 🌶️`;
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: item(seeded, "Rasmalai")._id.toString(), quantity: 1, notes }],
      }),
    );
    expect(order.lines[0]?.notes).toBe("stun on, कम तीखा 🌶️");
    expect((await Order.findById(order.id).lean())?.lines[0]?.notes).toBe("stun on, कम तीखा 🌶️");
  });
});

describe("order.get and order.onUpdate", () => {
  it("never shows a guest another guest's order", async () => {
    const seeded = await seedRestaurant();
    const alice = await signedInGuest();
    const bob = await signedInGuest();
    const order = await alice.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: item(seeded, "Rasmalai")._id.toString(), quantity: 1 }],
      }),
    );
    await expect(alice.call((api) => api.order.get({ orderId: order.id }))).resolves.toMatchObject({ id: order.id });
    await expect(bob.call((api) => api.order.get({ orderId: order.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      bob.call(async (api) => nextEvent((await api.order.onUpdate({ orderId: order.id }))[Symbol.asyncIterator]())),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.call((api) => api.order.get({ orderId: "not-an-id" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Not a valid id",
    });
  });

  it("streams the order's changes with tracked ids, replaying what a reconnecting client missed", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const staff = await signedInStaff(seeded);
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: item(seeded, "Rasmalai")._id.toString(), quantity: 1 }],
      }),
    );
    const controller = new AbortController();
    const stream = await guest.call((api) => api.order.onUpdate({ orderId: order.id }), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await nextEvent(iterator)).toMatchObject({ data: { id: order.id, status: "placed" } });
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));
    const second = await nextEvent(iterator);
    expect(second).toMatchObject({ data: { status: "accepted" } });
    controller.abort();

    // While disconnected the ticket moves on; resuming from the last seen id delivers just that.
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "preparing" }));
    const resumed = new AbortController();
    const lastEventId = second.id;
    const again = (
      await guest.call((api) => api.order.onUpdate({ orderId: order.id, lastEventId }), { signal: resumed.signal })
    )[Symbol.asyncIterator]();
    expect(await nextEvent(again)).toMatchObject({ data: { status: "preparing" } });
    resumed.abort();
  });
});
