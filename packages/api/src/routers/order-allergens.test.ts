import { randomUUID } from "node:crypto";
import { MenuItem, Order } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInGuest, signedInStaff } from "../testing";
import { invalidateRestaurant } from "../use-cases/menu";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function itemId(seeded: Seeded, name: string): string {
  const found = seeded.items.get(name);
  if (!found) throw new Error(`No seeded item ${name}`);
  return found._id.toString();
}

/** A seeded restaurant whose Rasmalai lists milk and tree nuts (Garlic Naan lists none). */
async function seededWithAllergens() {
  const seeded = await seedRestaurant();
  const guest = await signedInGuest();
  await MenuItem.updateOne({ _id: itemId(seeded, "Rasmalai") }, { allergens: ["milk", "tree-nuts"] });
  await MenuItem.updateOne({ _id: itemId(seeded, "Garlic Naan") }, { allergens: [] });
  await invalidateRestaurant(guest.services, seeded.restaurantId);
  return { seeded, guest };
}

describe("order.place: note, declared allergies and line allergens", () => {
  it("stores the order note and the guest's allergies, snapshots each line's listed allergens, and the kitchen sees them", async () => {
    const { seeded, guest } = await seededWithAllergens();
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [
          { menuItemId: itemId(seeded, "Rasmalai"), quantity: 1 },
          { menuItemId: itemId(seeded, "Garlic Naan"), quantity: 2 },
        ],
        note: "  \u202EBirthday \u202Ccake after the mains, please  ",
        allergies: ["peanut", "tree-nuts", "peanut"],
      }),
    );
    expect(order).toMatchObject({ note: "Birthday cake after the mains, please", allergies: ["peanut", "tree-nuts"] });
    expect(order.lines.map((line) => [line.name, line.allergens])).toEqual([
      ["Rasmalai", ["milk", "tree-nuts"]],
      ["Garlic Naan", []],
    ]);

    // A later menu edit never changes what was ordered.
    await MenuItem.updateOne({ _id: itemId(seeded, "Rasmalai") }, { allergens: [] });
    await invalidateRestaurant(guest.services, seeded.restaurantId);
    const stored = await Order.findById(order.id).lean();
    expect(stored).toMatchObject({ note: "Birthday cake after the mains, please", allergies: ["peanut", "tree-nuts"] });
    expect(stored?.lines[0]?.allergens).toEqual(["milk", "tree-nuts"]);
    expect(await guest.call((api) => api.order.get({ orderId: order.id }))).toMatchObject({
      note: order.note,
      allergies: order.allergies,
      lines: [{ allergens: ["milk", "tree-nuts"] }, { allergens: [] }],
    });

    const staff = await signedInStaff(seeded);
    const { tickets } = await staff.call((api) => api.kitchen.tickets());
    expect(tickets.find((ticket) => ticket.id === order.id)).toMatchObject({
      note: "Birthday cake after the mains, please",
      allergies: ["peanut", "tree-nuts"],
      lines: [{ allergens: ["milk", "tree-nuts"] }, { allergens: [] }],
    });
  });

  it("stores no note and no allergies when the guest gives none (a blank note is none)", async () => {
    const { seeded, guest } = await seededWithAllergens();
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: itemId(seeded, "Garlic Naan"), quantity: 1 }],
        note: "   ",
      }),
    );
    expect(order).toMatchObject({ note: null, allergies: [] });
    expect(await Order.findById(order.id).lean()).toMatchObject({ note: null, allergies: [] });
  });

  it("refuses an allergy outside the list or a note over 200 characters with a human message, storing nothing", async () => {
    const { seeded, guest } = await seededWithAllergens();
    const place = (extra: Record<string, unknown>) =>
      guest.call((api) =>
        api.order.place({
          tableCode: seeded.tables[0]!.code,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: itemId(seeded, "Garlic Naan"), quantity: 1 }],
          ...extra,
        }),
      );
    await expect(place({ allergies: ["peanut", "chocolate"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Choose allergies from the list",
    });
    await expect(place({ note: "n".repeat(201) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Your note can be at most 200 characters",
    });
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(0);
  });

  it("a replay of the same idempotency key returns the first order unchanged, whatever note it carries", async () => {
    const { seeded, guest } = await seededWithAllergens();
    const input = {
      tableCode: seeded.tables[0]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: itemId(seeded, "Rasmalai"), quantity: 1 }],
      note: "first",
      allergies: ["milk" as const],
    };
    const first = await guest.call((api) => api.order.place(input));
    const replay = await guest.call((api) => api.order.place({ ...input, note: "second", allergies: ["egg"] }));
    const { updatedAt: _updatedAt, ...placed } = first;
    expect(replay).toMatchObject({ ...placed, note: "first", allergies: ["milk"] });
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(1);
  });
});
