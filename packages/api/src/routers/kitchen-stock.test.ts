import { randomUUID } from "node:crypto";
import { STOCK_POLICY } from "@tabletap/core/stock";
import { AuditEntry, MenuItem, Order } from "@tabletap/db";
import { channels } from "@tabletap/realtime";
import { describe, expect, it } from "vitest";
import { nextEvent, seedRestaurant, signedInGuest, signedInStaff, subscribed, TestClient } from "../testing";
import type { MenuChangeEvent } from "../use-cases/menu";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function itemId(seeded: Seeded, name: string): string {
  return seeded.items.get(name)!._id.toString();
}

/** The stored item, as the database has it now. */
function stored(seeded: Seeded, name: string) {
  return MenuItem.findById(itemId(seeded, name)).lean();
}

/** What a guest at the restaurant's `table` sees of the item right now. */
async function shown(seeded: Seeded, name: string, table = 0) {
  const menu = await new TestClient("guest").call((api) =>
    api.menu.forTable({ tableCode: seeded.tables[table]!.code }),
  );
  return menu.categories.flatMap((c) => c.items).find((i) => i.name === name);
}

/** Places an order of `lines` (item name → quantity) at `table`, with a fresh idempotency key unless given one. */
function place(
  guest: TestClient,
  seeded: Seeded,
  lines: Record<string, number>,
  opts: { table?: number; idempotencyKey?: string; optionIds?: string[] } = {},
) {
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[opts.table ?? 0]!.code,
      idempotencyKey: opts.idempotencyKey ?? randomUUID(),
      items: Object.entries(lines).map(([name, quantity]) => ({
        menuItemId: itemId(seeded, name),
        quantity,
        ...(opts.optionIds ? { optionIds: opts.optionIds } : {}),
      })),
    }),
  );
}

/** A manager sets `name`'s count through the API. */
async function stockOf(seeded: Seeded, name: string, count: number | null) {
  const manager = await signedInStaff(seeded, "manager");
  return manager.call((api) => api.kitchen.setStock({ menuItemId: itemId(seeded, name), count }));
}

function ordersOf(seeded: Seeded) {
  return Order.countDocuments({ restaurantId: seeded.restaurantId });
}

function auditOf(seeded: Seeded, name: string) {
  return AuditEntry.find({ restaurantId: seeded.restaurantId, entityId: itemId(seeded, name) })
    .sort({ at: 1 })
    .lean<{ entity: string; action: string; before: unknown; after: unknown }[]>();
}

describe("kitchen.setAvailability", () => {
  it("lets any cook 86 an item in one call: open guest menus hear of it and show it sold out, and it is audited", async () => {
    const seeded = await seedRestaurant();
    const cook = await signedInStaff(seeded, "staff");
    const controller = new AbortController();
    const stream = (
      await new TestClient("guest").call((api) => api.menu.onChange({ tableCode: seeded.tables[0]!.code }), {
        signal: controller.signal,
      })
    )[Symbol.asyncIterator]();
    const next = nextEvent<MenuChangeEvent>(stream);
    await subscribed(channels.menu(seeded.restaurantId));

    const item = await cook.call((api) =>
      api.kitchen.setAvailability({ menuItemId: itemId(seeded, "Rasmalai"), available: false }),
    );
    expect(item).toMatchObject({ name: "Rasmalai", available: false, stock: null });
    expect(await next).toMatchObject({ data: { restaurantId: seeded.restaurantId } });
    controller.abort();
    expect((await shown(seeded, "Rasmalai"))?.available).toBe(false);
    expect(await auditOf(seeded, "Rasmalai")).toEqual([
      expect.objectContaining({
        entity: "menuItem",
        action: "availability",
        before: { available: true },
        after: { available: false },
      }),
    ]);
    const watched = await cook.call((api) => api.kitchen.stock());
    expect(watched.map((i) => i.name)).toContain("Rasmalai");

    // An order for it is refused before it is stored, naming the item.
    const guest = await signedInGuest();
    await expect(place(guest, seeded, { Rasmalai: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Rasmalai is no longer available",
    });
    expect(await ordersOf(seeded)).toBe(0);

    // Un-86: back on the menu.
    await cook.call((api) => api.kitchen.setAvailability({ menuItemId: itemId(seeded, "Rasmalai"), available: true }));
    expect((await shown(seeded, "Rasmalai"))?.available).toBe(true);
  });

  it("86's one option of an item: guests no longer see it and can't order it", async () => {
    const seeded = await seedRestaurant();
    const cook = await signedInStaff(seeded, "staff");
    const dosa = seeded.items.get("Masala Dosa")!;
    const cheese = dosa.modifierGroups[0]!.options.find((o) => o.name === "Cheese")!._id.toString();
    const item = await cook.call((api) =>
      api.kitchen.setAvailability({ menuItemId: dosa._id.toString(), optionId: cheese, available: false }),
    );
    expect(item.available).toBe(true);
    expect(item.unavailableOptions).toEqual([{ id: cheese, groupName: "Add-ons", name: "Cheese" }]);
    const options = (await shown(seeded, "Masala Dosa"))!.modifierGroups.flatMap((g) => g.options.map((o) => o.name));
    expect(options).not.toContain("Cheese");
    const guest = await signedInGuest();
    await expect(place(guest, seeded, { "Masala Dosa": 1 }, { optionIds: [cheese] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Masala Dosa: Cheese is no longer available",
    });
    expect((await auditOf(seeded, "Masala Dosa"))[0]).toMatchObject({
      before: { option: "Cheese", available: true },
      after: { option: "Cheese", available: false },
    });
  });

  it("refuses another restaurant's item, an unknown option and bad input, changing nothing", async () => {
    const [mine, theirs] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const cook = await signedInStaff(mine, "staff");
    const before = await stored(theirs, "Rasmalai");
    await expect(
      cook.call((api) => api.kitchen.setAvailability({ menuItemId: itemId(theirs, "Rasmalai"), available: false })),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "That item isn't on your menu. Reload and try again." });
    const otherOption = theirs.items.get("Masala Dosa")!.modifierGroups[0]!.options[0]!._id.toString();
    await expect(
      cook.call((api) =>
        api.kitchen.setAvailability({
          menuItemId: itemId(mine, "Masala Dosa"),
          optionId: otherOption,
          available: false,
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "That option isn't on this item. Reload and try again." });
    await expect(
      cook.call((api) => api.kitchen.setAvailability({ menuItemId: "nope", available: false })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/Not a valid id/) });
    expect(await stored(theirs, "Rasmalai")).toEqual(before);
    expect((await stored(mine, "Masala Dosa"))!.modifierGroups[0]!.options.every((o) => o.available)).toBe(true);
    expect(await AuditEntry.countDocuments({ restaurantId: mine.restaurantId })).toBe(0);
  });

  it("won't bring back a counted item with none left: a manager sets its count", async () => {
    const seeded = await seedRestaurant();
    await stockOf(seeded, "Rasmalai", 0);
    const cook = await signedInStaff(seeded, "staff");
    await expect(
      cook.call((api) => api.kitchen.setAvailability({ menuItemId: itemId(seeded, "Rasmalai"), available: true })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Rasmalai has none left. A manager can set its stock count to bring it back.",
    });
    expect(await stored(seeded, "Rasmalai")).toMatchObject({ stock: 0, available: false });
  });
});

describe("kitchen.setStock", () => {
  it("lets a manager count an item: 0 86's it, more brings it back, null stops counting; each audited", async () => {
    const seeded = await seedRestaurant();
    expect(await stockOf(seeded, "Rasmalai", 0)).toMatchObject({ stock: 0, available: false });
    expect((await shown(seeded, "Rasmalai"))?.available).toBe(false);
    expect(await stockOf(seeded, "Rasmalai", 12)).toMatchObject({ stock: 12, available: true });
    expect((await shown(seeded, "Rasmalai"))?.available).toBe(true);
    expect(await stockOf(seeded, "Rasmalai", null)).toMatchObject({ stock: null, available: true });
    expect((await auditOf(seeded, "Rasmalai")).map((e) => [e.action, e.before, e.after])).toEqual([
      ["stock", { stock: null, available: true }, { stock: 0, available: false }],
      ["stock", { stock: 0, available: false }, { stock: 12, available: true }],
      ["stock", { stock: 12, available: true }, { stock: null, available: true }],
    ]);
  });

  it("is for managers only, and refuses another restaurant's item and bad counts, changing nothing", async () => {
    const [mine, theirs] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const cook = await signedInStaff(mine, "staff");
    const manager = await signedInStaff(mine, "manager");
    const before = await stored(mine, "Rasmalai");
    await expect(
      cook.call((api) => api.kitchen.setStock({ menuItemId: itemId(mine, "Rasmalai"), count: 3 })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      manager.call((api) => api.kitchen.setStock({ menuItemId: itemId(theirs, "Rasmalai"), count: 3 })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const count of [-1, 1.5, STOCK_POLICY.maxCount + 1]) {
      await expect(
        manager.call((api) => api.kitchen.setStock({ menuItemId: itemId(mine, "Rasmalai"), count })),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: `Stock must be a whole number from 0 to ${STOCK_POLICY.maxCount}`,
      });
    }
    expect(await stored(mine, "Rasmalai")).toEqual(before);
    expect((await stored(theirs, "Rasmalai"))?.stock ?? null).toBeNull();
    expect(await AuditEntry.countDocuments({ restaurantId: mine.restaurantId })).toBe(0);
  });
});

describe("order.place with counted items", () => {
  it("takes each order's portions, 86's the item at 0 and refuses an order for more than is left, naming it", async () => {
    const seeded = await seedRestaurant();
    await stockOf(seeded, "Rasmalai", 3);
    const guest = await signedInGuest();
    await place(guest, seeded, { Rasmalai: 2 });
    expect(await stored(seeded, "Rasmalai")).toMatchObject({ stock: 1, available: true });

    await expect(place(guest, seeded, { Rasmalai: 2, "Gulab Jamun": 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Rasmalai just sold out",
    });
    expect(await ordersOf(seeded)).toBe(1);
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(1);

    await place(guest, seeded, { Rasmalai: 1 });
    expect(await stored(seeded, "Rasmalai")).toMatchObject({ stock: 0, available: false });
    expect((await shown(seeded, "Rasmalai"))?.available).toBe(false);
    const cook = await signedInStaff(seeded, "staff");
    expect((await cook.call((api) => api.kitchen.stock())).find((i) => i.name === "Rasmalai")).toMatchObject({
      stock: 0,
      available: false,
    });
  });

  it("takes all of an order's counted items or none", async () => {
    const seeded = await seedRestaurant();
    await stockOf(seeded, "Rasmalai", 5);
    await stockOf(seeded, "Gulab Jamun", 1);
    const guest = await signedInGuest();
    await expect(place(guest, seeded, { Rasmalai: 2, "Gulab Jamun": 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Gulab Jamun just sold out",
    });
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(5);
    expect(await stored(seeded, "Gulab Jamun")).toMatchObject({ stock: 1, available: true });
    expect(await ordersOf(seeded)).toBe(0);
  });

  it("takes a replayed order's portions once", async () => {
    const seeded = await seedRestaurant();
    await stockOf(seeded, "Rasmalai", 5);
    const guest = await signedInGuest();
    const idempotencyKey = randomUUID();
    const [first, second] = await Promise.all([
      place(guest, seeded, { Rasmalai: 2 }, { idempotencyKey }),
      place(guest, seeded, { Rasmalai: 2 }, { idempotencyKey }),
    ]);
    const third = await place(guest, seeded, { Rasmalai: 2 }, { idempotencyKey });
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(3);
  });

  it("never sells more than there is when many guests order the last portions at once", async () => {
    const seeded = await seedRestaurant();
    const portions = 4;
    const orders = 12;
    await stockOf(seeded, "Rasmalai", portions);
    const guests = await Promise.all(Array.from({ length: orders }, () => signedInGuest()));
    const results = await Promise.allSettled(
      guests.map((guest, i) => place(guest, seeded, { Rasmalai: 1 }, { table: i % 10 })),
    );
    const placed = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(placed).toHaveLength(portions);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "CONFLICT", message: "Rasmalai just sold out" });
    expect(await stored(seeded, "Rasmalai")).toMatchObject({ stock: 0, available: false });
    expect(await ordersOf(seeded)).toBe(portions);
  });

  it("gives the portions back when staff reject or cancel an order before it is ready, not once served", async () => {
    const seeded = await seedRestaurant();
    await stockOf(seeded, "Rasmalai", 10);
    const guest = await signedInGuest();
    const cook = await signedInStaff(seeded, "staff");
    const [a, b, c] = [
      await place(guest, seeded, { Rasmalai: 2 }),
      await place(guest, seeded, { Rasmalai: 3 }),
      await place(guest, seeded, { Rasmalai: 1 }),
    ];
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(4);
    await cook.call((api) => api.kitchen.advance({ orderId: a.id, to: "rejected", reason: "Kitchen closing" }));
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(6);
    for (const to of ["accepted", "preparing", "cancelled"] as const)
      await cook.call((api) => api.kitchen.advance({ orderId: b.id, to }));
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(9);
    // Served: its portion was used.
    for (const to of ["accepted", "preparing", "ready", "served"] as const)
      await cook.call((api) => api.kitchen.advance({ orderId: c.id, to }));
    expect((await stored(seeded, "Rasmalai"))?.stock).toBe(9);
  });
});
