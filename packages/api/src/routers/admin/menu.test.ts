import { randomUUID } from "node:crypto";
import type { SaveItemInput } from "@tabletap/core/menu-admin";
import { AuditEntry, MenuCategory, MenuItem } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { ConflictError } from "../../errors";
import { seedRestaurant, signedInGuest, signedInStaff, TestClient } from "../../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** A seeded restaurant, its manager, and what its menu looks like in the editor. */
async function setup() {
  const seeded = await seedRestaurant();
  const manager = await signedInStaff(seeded, "manager");
  const menu = await manager.call((api) => api.admin.menu.list());
  const category = (name: string) => menu.categories.find((c) => c.name === name)!;
  return { seeded, manager, menu, category };
}

/** Every stored category and item of the restaurant, to compare before and after a refused call. */
async function stored(restaurantId: string) {
  const [categories, items] = await Promise.all([
    MenuCategory.find({ restaurantId }).sort({ _id: 1 }).lean(),
    MenuItem.find({ restaurantId }).sort({ _id: 1 }).lean(),
  ]);
  return { categories, items };
}

/** The audit entries of one entity, oldest first. */
function auditOf(restaurantId: string, entityId: string) {
  return AuditEntry.find({ restaurantId, entityId })
    .sort({ at: 1 })
    .lean<{ entity: string; action: string; before: unknown; after: unknown }[]>();
}

/** What a guest at the restaurant's first table sees right now. */
function guestMenu(seeded: Seeded) {
  return new TestClient("guest").call((api) => api.menu.forTable({ tableCode: seeded.tables[0]!.code }));
}

/** The tRPC error a call is refused with. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; cause?: unknown }> {
  return call.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: { code: string; message: string; cause?: unknown }) => error,
  );
}

const newItem = (categoryId: string, overrides: Partial<SaveItemInput> = {}): SaveItemInput => ({
  categoryId,
  name: `Malai Kofta ${randomUUID().slice(0, 6)}`,
  description: "Cottage cheese dumplings in a cashew gravy",
  price: 34_550,
  station: "kitchen",
  dietaryTags: ["veg"],
  allergens: ["milk", "tree-nuts"],
  sortOrder: 3,
  available: true,
  modifierGroups: [
    {
      name: "Portion",
      minSelect: 1,
      maxSelect: 1,
      options: [
        { name: "Half", priceDelta: 0, available: true },
        { name: "Full", priceDelta: 12_000, available: true },
      ],
    },
  ],
  ...overrides,
});

describe("admin.menu.list", () => {
  it("shows every category and item, 86'd items and unavailable options included, and the stations", async () => {
    const { seeded, manager } = await setup();
    const lassi = seeded.items.get("Sweet Lassi")!;
    await MenuItem.updateOne(
      { _id: lassi._id },
      { $set: { available: false, "modifierGroups.0.options.1.available": false } },
    );
    const menu = await manager.call((api) => api.admin.menu.list());
    expect(menu.categories.map((c) => c.name)).toEqual(["Starters", "Mains", "Breads & Rice", "Desserts", "Beverages"]);
    const item = menu.categories[4]!.items.find((i) => i.name === "Sweet Lassi")!;
    expect(item).toMatchObject({
      available: false,
      station: "bar",
      allergens: ["milk"],
      dietaryTags: ["veg", "gluten-free"],
    });
    expect(item.modifierGroups[0]!.options.map((o) => [o.name, o.available])).toEqual([
      ["Plain", true],
      ["Mango", false],
      ["Rose", true],
    ]);
    expect(menu.stations).toEqual(["bar", "dessert", "kitchen", "tandoor"]);
  });
});

describe("admin.menu.saveCategory", () => {
  it("creates a category last, renames it, audits both, and guests see it at once", async () => {
    const { seeded, manager } = await setup();
    await guestMenu(seeded); // the menu is now cached
    const created = await manager.call((api) =>
      api.admin.menu.saveCategory({ name: "Chaat", description: "Street snacks" }),
    );
    expect(created).toMatchObject({ name: "Chaat", description: "Street snacks", sortOrder: 5 });
    const renamed = await manager.call((api) =>
      api.admin.menu.saveCategory({ id: created.id, name: "Chaat & Snacks", description: "Street snacks" }),
    );
    expect(renamed).toMatchObject({ id: created.id, name: "Chaat & Snacks", sortOrder: 5 });

    const list = await manager.call((api) => api.admin.menu.list());
    expect(list.categories.at(-1)).toMatchObject({ id: created.id, name: "Chaat & Snacks", items: [] });
    expect((await guestMenu(seeded)).categories.at(-1)).toMatchObject({ id: created.id, name: "Chaat & Snacks" });
    const audit = await auditOf(seeded.restaurantId, created.id);
    expect(audit.map((e) => [e.entity, e.action, e.before, e.after])).toEqual([
      ["menuCategory", "create", null, { name: "Chaat", description: "Street snacks", sortOrder: 5 }],
      [
        "menuCategory",
        "update",
        { name: "Chaat", description: "Street snacks", sortOrder: 5 },
        { name: "Chaat & Snacks", description: "Street snacks", sortOrder: 5 },
      ],
    ]);
  });

  it("refuses an empty name and a name another category has (any case), changing nothing", async () => {
    const { seeded, manager, category } = await setup();
    const before = await stored(seeded.restaurantId);
    const empty = await refusal(manager.call((api) => api.admin.menu.saveCategory({ name: "  " })));
    expect(empty).toMatchObject({ code: "BAD_REQUEST", message: "Enter a name for the category" });
    const duplicate = await refusal(manager.call((api) => api.admin.menu.saveCategory({ name: "mains" })));
    expect(duplicate).toMatchObject({ code: "CONFLICT", message: 'Your menu already has a category named "mains"' });
    expect(duplicate.cause).toBeInstanceOf(ConflictError);
    expect((duplicate.cause as ConflictError).field).toBe("name");
    const rename = await refusal(
      manager.call((api) => api.admin.menu.saveCategory({ id: category("Starters").id, name: "Desserts" })),
    );
    expect(rename.code).toBe("CONFLICT");
    expect(await stored(seeded.restaurantId)).toEqual(before);
  });
});

describe("admin.menu.deleteCategory", () => {
  it("refuses a category that holds items, and deletes an empty one", async () => {
    const { seeded, manager, category } = await setup();
    const before = await stored(seeded.restaurantId);
    const full = await refusal(
      manager.call((api) => api.admin.menu.deleteCategory({ categoryId: category("Desserts").id })),
    );
    expect(full).toMatchObject({
      code: "CONFLICT",
      message: '"Desserts" still holds 3 items. Move or delete them first.',
    });
    expect(await stored(seeded.restaurantId)).toEqual(before);

    const empty = await manager.call((api) => api.admin.menu.saveCategory({ name: "Specials" }));
    await guestMenu(seeded);
    await manager.call((api) => api.admin.menu.deleteCategory({ categoryId: empty.id }));
    expect(await MenuCategory.exists({ _id: empty.id })).toBeNull();
    expect((await guestMenu(seeded)).categories.map((c) => c.id)).not.toContain(empty.id);
    expect((await auditOf(seeded.restaurantId, empty.id)).map((e) => [e.action, e.after])).toEqual([
      ["create", { name: "Specials", description: "", sortOrder: 5 }],
      ["delete", null],
    ]);
  });
});

describe("admin.menu.reorderCategories", () => {
  it("puts the categories in the given order for the editor and guests, auditing the moved ones", async () => {
    const { seeded, manager, menu } = await setup();
    await guestMenu(seeded);
    const reversed = menu.categories.map((c) => c.id).reverse();
    const result = await manager.call((api) => api.admin.menu.reorderCategories({ categoryIds: reversed }));
    expect(result.map((c) => c.id)).toEqual(reversed);
    expect((await manager.call((api) => api.admin.menu.list())).categories.map((c) => c.id)).toEqual(reversed);
    expect((await guestMenu(seeded)).categories.map((c) => c.id)).toEqual(reversed);
    const moved = await auditOf(seeded.restaurantId, reversed[0]!);
    expect(moved.map((e) => [e.action, e.before, e.after])).toEqual([["reorder", { sortOrder: 4 }, { sortOrder: 0 }]]);
    // The middle category kept its place: nothing recorded for it.
    expect(await auditOf(seeded.restaurantId, reversed[2]!)).toEqual([]);
  });

  it("refuses a list that leaves a category out, changing nothing", async () => {
    const { seeded, manager, menu } = await setup();
    const before = await stored(seeded.restaurantId);
    const partial = await refusal(
      manager.call((api) =>
        api.admin.menu.reorderCategories({ categoryIds: menu.categories.slice(1).map((c) => c.id) }),
      ),
    );
    expect(partial).toMatchObject({
      code: "BAD_REQUEST",
      message: "List every category of your menu once. Reload the page and try again.",
    });
    expect(await stored(seeded.restaurantId)).toEqual(before);
  });
});

describe("admin.menu.saveItem", () => {
  it("creates an item with a modifier group that guests see at once, and audits it", async () => {
    const { seeded, manager, category } = await setup();
    await guestMenu(seeded);
    const input = newItem(category("Mains").id);
    const item = await manager.call((api) => api.admin.menu.saveItem(input));
    expect(item).toMatchObject({
      name: input.name,
      price: 34_550,
      station: "kitchen",
      allergens: ["milk", "tree-nuts"],
      photo: null,
      modifierGroups: [{ name: "Portion", minSelect: 1, maxSelect: 1, options: [{ name: "Half" }, { name: "Full" }] }],
    });
    const guestItem = (await guestMenu(seeded)).categories
      .find((c) => c.id === input.categoryId)!
      .items.find((i) => i.id === item.id);
    expect(guestItem).toMatchObject({ name: input.name, price: 34_550, available: true });
    const [entry] = await auditOf(seeded.restaurantId, item.id);
    expect(entry).toMatchObject({ entity: "menuItem", action: "create", before: null, after: { price: 34_550 } });
  });

  it("updates an item, keeping the ids of its groups and options so a guest's cart still orders", async () => {
    const { seeded, manager, category } = await setup();
    const biryani = category("Mains").items.find((i) => i.name === "Chicken Biryani")!;
    const addOns = biryani.modifierGroups[0]!;
    const raita = addOns.options[0]!;
    await guestMenu(seeded);
    const saved = await manager.call((api) =>
      api.admin.menu.saveItem({
        ...biryani,
        price: 39_900,
        allergens: ["milk"],
        modifierGroups: [
          {
            ...addOns,
            maxSelect: 2,
            options: [
              { ...raita, priceDelta: 4_500 },
              { name: "Fried onions", priceDelta: 2_000, available: true },
            ],
          },
        ],
      }),
    );
    expect(saved.modifierGroups[0]!.id).toBe(addOns.id);
    expect(saved.modifierGroups[0]!.options.map((o) => o.id)).toEqual([raita.id, expect.any(String)]);
    expect(saved.modifierGroups[0]!.options[1]!.id).not.toBe(addOns.options[1]!.id);

    // A guest's cart line that chose the raita before the edit is still orderable, at the new prices.
    const guest = await signedInGuest();
    const order = await guest.call((api) =>
      api.order.place({
        tableCode: seeded.tables[0]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: biryani.id, quantity: 1, optionIds: [raita.id] }],
      }),
    );
    expect(order.lines[0]).toMatchObject({ unitPrice: 39_900 + 4_500 });
    const entry = (await auditOf(seeded.restaurantId, biryani.id)).at(-1);
    expect(entry).toMatchObject({ action: "update", before: { price: biryani.price }, after: { price: 39_900 } });
  });

  it.each([
    ["a negative price", { price: -100 }, "Price can't be negative"],
    ["a fractional price", { price: 100.5 }, "Price can have at most 2 decimals (whole paise)"],
    ["an empty name", { name: " " }, "Enter a name for the item"],
    [
      "a group with min > max",
      { modifierGroups: [{ name: "Size", minSelect: 2, maxSelect: 1, options: [{ name: "A", priceDelta: 0 }] }] },
      "The fewest choices (2) can't be more than the most (1)",
    ],
    [
      "a group with no options",
      { modifierGroups: [{ name: "Size", minSelect: 0, maxSelect: 1, options: [] }] },
      "Add at least one option to this group",
    ],
    [
      "a group allowing more choices than options",
      { modifierGroups: [{ name: "Size", minSelect: 0, maxSelect: 2, options: [{ name: "A", priceDelta: 0 }] }] },
      "The most choices (2) can't be more than the 1 option",
    ],
    ["an allergen outside the 14", { allergens: ["dairy"] }, "Not one of the 14 allergens"],
  ])("refuses %s with a human message, storing nothing", async (_name, overrides, message) => {
    const { seeded, manager, category } = await setup();
    const dal = category("Mains").items.find((i) => i.name === "Dal Makhani")!;
    const before = await stored(seeded.restaurantId);
    const create = await refusal(
      manager.call((api) => api.admin.menu.saveItem({ ...newItem(dal.categoryId), ...overrides } as SaveItemInput)),
    );
    expect(create).toMatchObject({ code: "BAD_REQUEST", message });
    const update = await refusal(
      manager.call((api) => api.admin.menu.saveItem({ ...dal, ...overrides } as SaveItemInput)),
    );
    expect(update).toMatchObject({ code: "BAD_REQUEST", message });
    expect(await stored(seeded.restaurantId)).toEqual(before);
  });

  it("refuses a name another item has (any case), on the name field, storing nothing", async () => {
    const { seeded, manager, category } = await setup();
    const before = await stored(seeded.restaurantId);
    const error = await refusal(
      manager.call((api) => api.admin.menu.saveItem(newItem(category("Mains").id, { name: "paneer tikka" }))),
    );
    expect(error).toMatchObject({ code: "CONFLICT", message: 'Your menu already has an item named "paneer tikka"' });
    expect((error.cause as ConflictError).field).toBe("name");
    expect(await stored(seeded.restaurantId)).toEqual(before);
  });

  it("answers NOT_FOUND for another restaurant's category or item, changing neither restaurant", async () => {
    const { seeded, manager, category } = await setup();
    const other = await setup();
    const [mine, theirs] = [await stored(seeded.restaurantId), await stored(other.seeded.restaurantId)];
    const foreignCategory = await refusal(
      manager.call((api) => api.admin.menu.saveItem(newItem(other.category("Mains").id))),
    );
    expect(foreignCategory).toMatchObject({ code: "NOT_FOUND" });
    const foreignItem = other.category("Mains").items[0]!;
    const update = await refusal(
      manager.call((api) =>
        api.admin.menu.saveItem({ ...foreignItem, categoryId: category("Mains").id, name: "Stolen" }),
      ),
    );
    expect(update).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("isn't on your menu") });
    for (const call of [
      () => manager.call((api) => api.admin.menu.setAvailability({ menuItemId: foreignItem.id, available: false })),
      () => manager.call((api) => api.admin.menu.deleteItem({ menuItemId: foreignItem.id })),
      () => manager.call((api) => api.admin.menu.deleteCategory({ categoryId: other.category("Desserts").id })),
      () =>
        manager.call((api) =>
          api.admin.menu.saveCategory({ id: other.category("Desserts").id, name: "Mine now", description: "" }),
        ),
    ]) {
      expect((await refusal(call())).code).toBe("NOT_FOUND");
    }
    expect([await stored(seeded.restaurantId), await stored(other.seeded.restaurantId)]).toEqual([mine, theirs]);
  });
});

describe("admin.menu.setAvailability", () => {
  it("86es an item and brings it back in one call each; guests see it at once; both audited", async () => {
    const { seeded, manager, category } = await setup();
    const jamun = category("Desserts").items.find((i) => i.name === "Gulab Jamun")!;
    const guestJamun = async () =>
      (await guestMenu(seeded)).categories.flatMap((c) => c.items).find((i) => i.id === jamun.id)!;
    expect((await guestJamun()).available).toBe(true);

    const off = await manager.call((api) => api.admin.menu.setAvailability({ menuItemId: jamun.id, available: false }));
    expect(off.available).toBe(false);
    expect((await guestJamun()).available).toBe(false);
    await manager.call((api) => api.admin.menu.setAvailability({ menuItemId: jamun.id, available: true }));
    expect((await guestJamun()).available).toBe(true);

    const audit = await auditOf(seeded.restaurantId, jamun.id);
    expect(audit.map((e) => [e.action, e.before, e.after])).toEqual([
      ["availability", { available: true }, { available: false }],
      ["availability", { available: false }, { available: true }],
    ]);
  });
});

describe("admin.menu.deleteItem", () => {
  it("removes the item from the editor and the guest menu, and audits it", async () => {
    const { seeded, manager, category } = await setup();
    const papad = category("Starters").items.find((i) => i.name === "Masala Papad")!;
    await guestMenu(seeded);
    await manager.call((api) => api.admin.menu.deleteItem({ menuItemId: papad.id }));
    const ids = (await guestMenu(seeded)).categories.flatMap((c) => c.items.map((i) => i.id));
    expect(ids).not.toContain(papad.id);
    expect(await MenuItem.exists({ _id: papad.id })).toBeNull();
    const [entry] = await auditOf(seeded.restaurantId, papad.id);
    expect(entry).toMatchObject({ action: "delete", before: { name: "Masala Papad" }, after: null });
  });
});

describe("admin.menu for staff who are not managers", () => {
  it("refuses every procedure with FORBIDDEN and changes nothing", async () => {
    const { seeded, category } = await setup();
    const staff = await signedInStaff(seeded, "staff");
    const before = await stored(seeded.restaurantId);
    const item = category("Desserts").items[0]!;
    const calls = [
      () => staff.call((api) => api.admin.menu.list()),
      () => staff.call((api) => api.admin.menu.saveCategory({ name: "Nope" })),
      () => staff.call((api) => api.admin.menu.deleteCategory({ categoryId: item.categoryId })),
      () => staff.call((api) => api.admin.menu.reorderCategories({ categoryIds: [item.categoryId] })),
      () => staff.call((api) => api.admin.menu.saveItem({ ...item, price: 1 })),
      () => staff.call((api) => api.admin.menu.setAvailability({ menuItemId: item.id, available: false })),
      () => staff.call((api) => api.admin.menu.deleteItem({ menuItemId: item.id })),
    ];
    for (const call of calls) {
      expect(await refusal(call())).toMatchObject({ code: "FORBIDDEN", message: "Only a manager can do this." });
    }
    expect(await stored(seeded.restaurantId)).toEqual(before);
  });
});
