import { randomUUID } from "node:crypto";
import { maskPhone } from "@tabletap/core";
import { AuditEntry, Customer, Table, TableSession } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { randomPhone, seedRestaurant, signedInGuest, signedInStaff, TestClient } from "../../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** The stored tables of a restaurant, by label, without timestamps: what "nothing changed" compares. */
async function storedTables(restaurantId: string) {
  const tables = await Table.find({ restaurantId }, { createdAt: 0, updatedAt: 0 }).sort({ label: 1 }).lean();
  return tables.map((table) => ({ ...table, _id: table._id.toString() }));
}

async function tableId(seeded: Seeded, label: string): Promise<string> {
  const table = await Table.findOne({ restaurantId: seeded.restaurantId, label }).lean();
  if (!table) throw new Error(`No table ${label}`);
  return table._id.toString();
}

function menuItemId(seeded: Seeded, name: string): string {
  const item = seeded.items.get(name);
  if (!item) throw new Error(`No seeded item ${name}`);
  return item._id.toString();
}

/** The guest's table menu, or the tRPC error code it answers. */
async function forTable(tableCode: string): Promise<string> {
  try {
    await new TestClient("guest").call((api) => api.menu.forTable({ tableCode }));
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function order(guest: TestClient, tableCode: string, items: { menuItemId: string; quantity: number }[]) {
  return guest.call((api) => api.order.place({ tableCode, idempotencyKey: randomUUID(), items }));
}

describe("admin.tables.list", () => {
  it("lists every table by label with its QR link, and the open session's guests, orders and total so far", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const t2 = seeded.tables[1]!;

    const before = await manager.call((api) => api.admin.tables.list());
    expect(before.currency).toBe("INR");
    expect(before.tables.map((t) => t.label)).toEqual(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]);
    expect(before.tables[1]).toMatchObject({
      label: "T2",
      seats: 4,
      active: true,
      code: t2.code,
      guestUrl: `${manager.services.env.GUEST_APP_URL}/t/${t2.code}`,
      openSession: null,
    });

    // Two guests order at T2: one gave a name, the other is shown by a masked phone; a rejected order doesn't count.
    const ashaPhone = randomPhone();
    const asha = await signedInGuest(ashaPhone);
    await Customer.updateOne({ phone: ashaPhone }, { $set: { name: "Asha" } });
    const otherPhone = randomPhone();
    const other = await signedInGuest(otherPhone);
    const first = await order(asha, t2.code, [{ menuItemId: menuItemId(seeded, "Rasmalai"), quantity: 2 }]);
    const second = await order(asha, t2.code, [{ menuItemId: menuItemId(seeded, "Rasmalai"), quantity: 1 }]);
    const third = await order(other, t2.code, [{ menuItemId: menuItemId(seeded, "Rasmalai"), quantity: 3 }]);
    const rejected = await order(other, t2.code, [{ menuItemId: menuItemId(seeded, "Rasmalai"), quantity: 1 }]);
    const staff = await signedInStaff(seeded, "staff");
    await staff.call((api) => api.kitchen.advance({ orderId: rejected.id, to: "rejected", reason: "Out of stock" }));

    const { tables } = await manager.call((api) => api.admin.tables.list());
    const session = tables.find((t) => t.label === "T2")?.openSession;
    expect(session).toMatchObject({
      openedAt: expect.stringMatching(/Z$/),
      orders: 3,
      total: first.total + second.total + third.total,
      guests: [
        { displayName: "Asha", orders: 2, total: first.total + second.total },
        { displayName: maskPhone(otherPhone), orders: 1, total: third.total },
      ],
    });
    expect(tables.filter((t) => t.openSession).map((t) => t.label)).toEqual(["T2"]);
  });

  it("is FORBIDDEN for staff, and a manager of another restaurant sees only their own tables", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const staff = await signedInStaff(seeded, "staff");
    await expect(staff.call((api) => api.admin.tables.list())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const foreign = await signedInStaff(other, "manager");
    const codes = (await foreign.call((api) => api.admin.tables.list())).tables.map((t) => t.code);
    expect(codes).toEqual(other.tables.map((t) => t.code));
  });
});

describe("admin.tables.save", () => {
  it("creates a table with a new code that works at once, and records it", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const created = await manager.call((api) => api.admin.tables.save({ label: "  Patio 1 ", seats: 2 }));
    expect(created).toMatchObject({ label: "Patio 1", seats: 2, active: true, openSession: null });
    expect(created.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await forTable(created.code)).toBe("ok");
    const listed = (await manager.call((api) => api.admin.tables.list())).tables.map((t) => t.label);
    expect(listed.slice(0, 2)).toEqual(["Patio 1", "T1"]);

    const trail = await manager.call((api) => api.admin.audit.list({ entity: "table", entityId: created.id }));
    expect(trail.entries).toMatchObject([
      { action: "create", before: null, after: { label: "Patio 1", seats: 2, active: true } },
    ]);
  });

  it("renames and re-seats a table, and records before and after", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const id = await tableId(seeded, "T3");
    const saved = await manager.call((api) => api.admin.tables.save({ id, label: "Window 3", seats: 6 }));
    expect(saved).toMatchObject({ id, label: "Window 3", seats: 6, active: true, code: seeded.tables[2]!.code });
    expect(await Table.findById(id).lean()).toMatchObject({ label: "Window 3", seats: 6, active: true });
    const [entry] = (await manager.call((api) => api.admin.audit.list({ entity: "table", entityId: id }))).entries;
    expect(entry).toMatchObject({
      action: "update",
      before: { label: "T3", seats: 4, active: true },
      after: { label: "Window 3", seats: 6, active: true },
    });
  });

  it("deactivates a table: its QR code answers NOT_FOUND at once (even when cached); reactivating brings it back", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const { code } = seeded.tables[0]!;
    const id = await tableId(seeded, "T1");
    expect(await forTable(code)).toBe("ok"); // the code's lookup is now cached

    await manager.call((api) => api.admin.tables.save({ id, label: "T1", seats: 4, active: false }));
    expect(await forTable(code)).toBe("NOT_FOUND");
    const listed = (await manager.call((api) => api.admin.tables.list())).tables.find((t) => t.id === id);
    expect(listed?.active).toBe(false);
    const qr = await manager.call((api) => api.admin.tables.qrCards({}));
    expect(qr.cards.map((card) => card.label)).not.toContain("T1");

    // Saving without `active` keeps the table inactive.
    await manager.call((api) => api.admin.tables.save({ id, label: "T1", seats: 5 }));
    expect(await forTable(code)).toBe("NOT_FOUND");

    await manager.call((api) => api.admin.tables.save({ id, label: "T1", seats: 5, active: true }));
    expect(await forTable(code)).toBe("ok");
    const actions = (await manager.call((api) => api.admin.audit.list({ entity: "table", entityId: id }))).entries.map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(["reactivate", "update", "deactivate"]);
  });

  it("deactivating a table closes its open session when nothing is on its tab, and keeps one with orders", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const guest = await signedInGuest();
    // T1: a guest asked for water and left; T2: a guest ordered.
    await guest.call((api) => api.service.request({ tableCode: seeded.tables[0]!.code, kind: "water" }));
    await order(guest, seeded.tables[1]!.code, [{ menuItemId: menuItemId(seeded, "Rasmalai"), quantity: 1 }]);
    const [t1, t2] = await Promise.all([
      Table.findOne({ restaurantId: seeded.restaurantId, label: "T1" }).lean(),
      Table.findOne({ restaurantId: seeded.restaurantId, label: "T2" }).lean(),
    ]);

    for (const table of [t1!, t2!])
      await manager.call((api) =>
        api.admin.tables.save({ id: table._id.toString(), label: table.label, seats: 4, active: false }),
      );
    expect(await TableSession.findById(t1!.openSessionId).lean()).toMatchObject({
      status: "closed",
      closeReason: "empty",
    });
    expect((await Table.findById(t1!._id).lean())?.openSessionId).toBeNull();
    expect((await TableSession.findById(t2!.openSessionId).lean())?.status).toBe("open");
    expect((await Table.findById(t2!._id).lean())?.openSessionId?.toString()).toBe(t2!.openSessionId!.toString());
  });

  it.each([
    ["an empty label", { label: "   ", seats: 4 }, "label", /Give the table a label/],
    ["a label over 20 characters", { label: "x".repeat(21), seats: 4 }, "label", /at most 20 characters/],
    ["no seats", { label: "T1", seats: 0 }, "seats", /whole number from 1 to 50/],
    ["51 seats", { label: "T1", seats: 51 }, "seats", /whole number from 1 to 50/],
    ["fractional seats", { label: "T1", seats: 2.5 }, "seats", /whole number from 1 to 50/],
  ])("refuses %s with BAD_REQUEST beside the field, changing nothing", async (_case, fields, field, message) => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const id = await tableId(seeded, "T1");
    const before = await storedTables(seeded.restaurantId);
    for (const input of [fields, { ...fields, id }]) {
      await expect(manager.call((api) => api.admin.tables.save(input))).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(message),
        cause: { issues: [expect.objectContaining({ path: [field] })] },
      });
    }
    expect(await storedTables(seeded.restaurantId)).toEqual(before);
  });

  it("refuses a duplicate label (case ignored) with CONFLICT on the label field, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const id = await tableId(seeded, "T1");
    const before = await storedTables(seeded.restaurantId);
    for (const input of [
      { label: "T2", seats: 4 },
      { label: "t2", seats: 4 },
      { id, label: "T2", seats: 4 },
    ]) {
      await expect(manager.call((api) => api.admin.tables.save(input))).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/already a table called/),
        cause: { field: "label" },
      });
    }
    expect(await storedTables(seeded.restaurantId)).toEqual(before);
    expect(await AuditEntry.countDocuments({ restaurantId: seeded.restaurantId, entity: "table" })).toBe(0);
    // Keeping its own label is no conflict.
    await expect(manager.call((api) => api.admin.tables.save({ id, label: "T1", seats: 3 }))).resolves.toMatchObject({
      seats: 3,
    });
  });

  it("is FORBIDDEN for staff and NOT_FOUND for another restaurant's table, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const id = await tableId(seeded, "T1");
    const before = await storedTables(seeded.restaurantId);
    const staff = await signedInStaff(seeded, "staff");
    await expect(staff.call((api) => api.admin.tables.save({ id, label: "Mine", seats: 2 }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const foreign = await signedInStaff(other, "manager");
    await expect(foreign.call((api) => api.admin.tables.save({ id, label: "Mine", seats: 2 }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await storedTables(seeded.restaurantId)).toEqual(before);
  });
});

describe("admin.tables.regenerateCode", () => {
  it("gives the table a new code: the old one answers NOT_FOUND at once (even when cached), the new one works", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const { code: oldCode } = seeded.tables[4]!;
    const id = await tableId(seeded, "T5");
    expect(await forTable(oldCode)).toBe("ok"); // the old code's lookup is now cached

    const table = await manager.call((api) => api.admin.tables.regenerateCode({ tableId: id }));
    expect(table.code).not.toBe(oldCode);
    expect(table.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(table.guestUrl).toBe(`${manager.services.env.GUEST_APP_URL}/t/${table.code}`);
    expect(await forTable(oldCode)).toBe("NOT_FOUND");
    expect(await forTable(table.code)).toBe("ok");

    const [entry] = (await manager.call((api) => api.admin.audit.list({ entity: "table", entityId: id }))).entries;
    expect(entry).toMatchObject({ action: "regenerateCode", before: { code: oldCode }, after: { code: table.code } });
  });

  it("is FORBIDDEN for staff and NOT_FOUND for another restaurant's or an unknown table, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const id = await tableId(seeded, "T1");
    const before = await storedTables(seeded.restaurantId);
    const staff = await signedInStaff(seeded, "staff");
    await expect(staff.call((api) => api.admin.tables.regenerateCode({ tableId: id }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const foreign = await signedInStaff(other, "manager");
    await expect(foreign.call((api) => api.admin.tables.regenerateCode({ tableId: id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const manager = await signedInStaff(seeded, "manager");
    await expect(
      manager.call((api) => api.admin.tables.regenerateCode({ tableId: "0123456789abcdef01234567" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(manager.call((api) => api.admin.tables.regenerateCode({ tableId: "nope" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await storedTables(seeded.restaurantId)).toEqual(before);
  });
});

describe("admin.tables.qrCards", () => {
  it("gives the restaurant's name and a card per active table by label, or one table's card", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const all = await manager.call((api) => api.admin.tables.qrCards({}));
    expect(all.restaurantName).toBe("Saffron Table");
    expect(all.cards.map((card) => card.label)).toEqual(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"]);
    expect(all.cards[0]!.guestUrl).toBe(`${manager.services.env.GUEST_APP_URL}/t/${seeded.tables[0]!.code}`);

    const id = await tableId(seeded, "T7");
    const one = await manager.call((api) => api.admin.tables.qrCards({ tableId: id }));
    expect(one.cards).toEqual([{ tableId: id, label: "T7", guestUrl: expect.stringMatching(/\/t\//) }]);
  });

  it("is FORBIDDEN for staff and NOT_FOUND for another restaurant's table", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const id = await tableId(seeded, "T1");
    const staff = await signedInStaff(seeded, "staff");
    await expect(staff.call((api) => api.admin.tables.qrCards({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const foreign = await signedInStaff(other, "manager");
    await expect(foreign.call((api) => api.admin.tables.qrCards({ tableId: id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
