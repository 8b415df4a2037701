import { randomUUID } from "node:crypto";
import { ORDER_HISTORY_POLICY, summarizeOrderLines } from "@tabletap/core";
import { Order, Restaurant, Table } from "@tabletap/db";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInGuest, TestClient } from "../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function itemId(seeded: Seeded, name: string): string {
  const found = seeded.items.get(name);
  if (!found) throw new Error(`No seeded item ${name}`);
  return found._id.toString();
}

/** Places an order of `quantity` × `name` at the restaurant's table `tableIndex`, as `guest`. */
function place(guest: TestClient, seeded: Seeded, name: string, quantity = 1, tableIndex = 0) {
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[tableIndex]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: itemId(seeded, name), quantity }],
    }),
  );
}

/** `count` copies of a placed order, each placed `minutesAgo(i)` minutes ago (older history, stored directly). */
async function storeOlderCopies(orderId: string, count: number, minutesAgo: (i: number) => number) {
  const original = await Order.findById(orderId).lean();
  if (!original) throw new Error("No order to copy");
  const copies = Array.from({ length: count }, (_, i) => {
    const at = new Date(original.createdAt.getTime() - minutesAgo(i) * 60_000);
    return {
      ...original,
      _id: new Types.ObjectId(),
      idempotencyKey: randomUUID(),
      number: 1000 + i,
      createdAt: at,
      updatedAt: at,
    };
  });
  await Order.collection.insertMany(copies);
  return copies.map((copy) => copy._id.toString());
}

describe("order.mine", () => {
  it("pages through the guest's orders at every restaurant, newest first, with no order twice or skipped", async () => {
    const [spice, tandoor] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    await Restaurant.updateOne({ _id: spice.restaurantId }, { name: "Spice Route" });
    await Restaurant.updateOne({ _id: tandoor.restaurantId }, { name: "Tandoor House" });
    const guest = await signedInGuest();
    const first = await place(guest, spice, "Dal Makhani", 2);
    const latest = await place(guest, tandoor, "Butter Naan", 4, 3);
    // 25 older orders, five of them placed at the very same moment (ties are broken by id).
    const older = await storeOlderCopies(first.id, 25, (i) => 10 + Math.max(i, 5));
    const pageSize = ORDER_HISTORY_POLICY.pageSize;

    const page1 = await guest.call((api) => api.order.mine({}));
    expect(page1.orders).toHaveLength(pageSize);
    expect(page1.orders[0]).toMatchObject({
      id: latest.id,
      number: latest.number,
      restaurantName: "Tandoor House",
      tableLabel: "T4",
      tableCode: tandoor.tables[3]!.code,
      status: latest.status,
      total: latest.total,
      currency: "INR",
      placedAt: latest.placedAt,
      lines: [
        { menuItemId: itemId(tandoor, "Butter Naan"), name: "Butter Naan", quantity: 4, optionIds: [], notes: null },
      ],
    });
    expect(summarizeOrderLines(page1.orders[0]!.lines)).toBe("Butter Naan ×4");
    expect(page1.orders[1]).toMatchObject({ id: first.id, restaurantName: "Spice Route" });
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = await guest.call((api) => api.order.mine({ cursor: page1.nextCursor! }));
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.orders, ...page2.orders];
    expect(all.map((o) => o.id).sort()).toEqual([first.id, latest.id, ...older].sort());
    const times = all.map((o) => Date.parse(o.placedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("never shows another guest's orders", async () => {
    const seeded = await seedRestaurant();
    const [asha, ravi] = await Promise.all([signedInGuest(), signedInGuest()]);
    const ashas = await place(asha, seeded, "Dal Makhani");
    const ravis = await place(ravi, seeded, "Butter Naan");
    await storeOlderCopies(ravis.id, 3, (i) => i + 1);

    const mine = await asha.call((api) => api.order.mine({}));
    expect(mine).toEqual({ orders: [expect.objectContaining({ id: ashas.id })], nextCursor: null });
    const theirs = await ravi.call((api) => api.order.mine({}));
    expect(theirs.orders.map((o) => o.id)).not.toContain(ashas.id);
    expect(theirs.orders).toHaveLength(4);
  });

  it("offers no table to reorder at once the table is out of service or the restaurant paused", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    await place(guest, seeded, "Dal Makhani", 1, 1);
    const tableCode = async () => (await guest.call((api) => api.order.mine({}))).orders[0]?.tableCode;
    expect(await tableCode()).toBe(seeded.tables[1]!.code);

    await Restaurant.updateOne({ _id: seeded.restaurantId }, { orderingPaused: true });
    expect(await tableCode()).toBeNull();
    await Restaurant.updateOne({ _id: seeded.restaurantId }, { orderingPaused: false });
    await Table.updateOne({ code: seeded.tables[1]!.code }, { active: false });
    expect(await tableCode()).toBeNull();
  });

  it("refuses a cursor it did not give with BAD_REQUEST and a human message", async () => {
    const guest = await signedInGuest();
    for (const cursor of ["not a cursor", "", "123_0123456789abcdef0123456z", "x".repeat(500)]) {
      await expect(guest.call((api) => api.order.mine({ cursor }))).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/page position isn't valid|page position/),
      });
    }
  });

  it("is only for a signed-in guest", async () => {
    await expect(new TestClient("guest").call((api) => api.order.mine({}))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
