import { describe, expect, it } from "vitest";
import { CART_HAS_PROBLEMS_MESSAGE, checkCart, ORDERING_PAUSED_MESSAGE, type HeldCartLine } from "./cart";
import type { MenuItemView, TableMenuView } from "./views";

const item = (over: Partial<MenuItemView> & Pick<MenuItemView, "id" | "name" | "price">): MenuItemView => ({
  categoryId: "mains",
  description: "",
  photo: null,
  dietaryTags: [],
  allergens: [],
  available: true,
  modifierGroups: [],
  ...over,
});

const dosa = item({
  id: "dosa",
  name: "Masala Dosa",
  price: 12_000,
  modifierGroups: [
    {
      id: "size",
      name: "Size",
      minSelect: 1,
      maxSelect: 1,
      options: [
        { id: "regular", name: "Regular", priceDelta: 0 },
        { id: "family", name: "Family", priceDelta: 8_000 },
      ],
    },
  ],
});
const lassi = item({ id: "lassi", name: "Sweet Lassi", price: 9_950 });

/** A table's menu with `items`; GST 5 %, no service charge unless given. */
function menu(items: MenuItemView[], restaurant: Partial<TableMenuView["restaurant"]> = {}): TableMenuView {
  return {
    restaurant: {
      id: "r",
      slug: "r",
      name: "Spice Route",
      currency: "INR",
      taxBps: 500,
      serviceChargeBps: 0,
      orderingPaused: false,
      ...restaurant,
    },
    table: { id: "t", label: "T1" },
    categories: [{ id: "mains", name: "Mains", description: "", items }],
  };
}

const dosaLine: HeldCartLine = { menuItemId: "dosa", quantity: 2, optionIds: ["family"], seenUnitPrice: 20_000 };
const lassiLine: HeldCartLine = { menuItemId: "lassi", quantity: 1, optionIds: [], seenUnitPrice: 9_950 };

describe("checkCart", () => {
  it("prices an orderable cart as the server would, with nothing flagged", () => {
    const check = checkCart([dosaLine, lassiLine], menu([dosa, lassi]));
    expect(check.lines.map((l) => [l.name, l.lineTotal, l.problem, l.priceChange])).toEqual([
      ["Masala Dosa", 40_000, null, null],
      ["Sweet Lassi", 9_950, null, null],
    ]);
    expect(check.lines[0]!.modifiers.map((m) => m.name)).toEqual(["Family"]);
    expect(check).toMatchObject({ count: 3, subtotal: 49_950, tax: 2_498, total: 52_448 });
    expect(check).toMatchObject({ hasProblems: false, blockedReason: null });
  });

  it("flags an item 86'd while in the cart, leaves it out of the estimate and blocks checkout", () => {
    const check = checkCart([dosaLine, lassiLine], menu([dosa, { ...lassi, available: false }]));
    expect(check.lines[1]).toMatchObject({
      name: "Sweet Lassi",
      problem: "Sold out — remove it to order",
      lineTotal: null,
    });
    expect(check.lines[0]!.problem).toBeNull();
    expect(check).toMatchObject({ count: 3, subtotal: 40_000, total: 42_000, hasProblems: true });
    expect(check.blockedReason).toBe(CART_HAS_PROBLEMS_MESSAGE);
  });

  it("flags an item deleted from the menu", () => {
    const check = checkCart([lassiLine], menu([dosa]));
    expect(check.lines[0]).toMatchObject({
      item: null,
      name: "Item no longer on the menu",
      problem: "No longer on the menu — remove it to order",
    });
    expect(check).toMatchObject({ subtotal: 0, blockedReason: CART_HAS_PROBLEMS_MESSAGE });
  });

  it("flags a line whose chosen option was removed or sold out (the guest menu leaves it out)", () => {
    const regularOnly = {
      ...dosa,
      modifierGroups: [{ ...dosa.modifierGroups[0]!, options: [dosa.modifierGroups[0]!.options[0]!] }],
    };
    const check = checkCart([dosaLine], menu([regularOnly]));
    expect(check.lines[0]!.problem).toBe("A choice is no longer available — remove it and add it again");
    expect(check.blockedReason).toBe(CART_HAS_PROBLEMS_MESSAGE);
  });

  it("flags a line that no longer meets its modifier group's rule with pricing's message", () => {
    const twoSauces = {
      ...lassi,
      modifierGroups: [
        {
          id: "sauce",
          name: "Sauce",
          minSelect: 1,
          maxSelect: 1,
          options: [{ id: "mint", name: "Mint", priceDelta: 0 }],
        },
      ],
    };
    const check = checkCart([lassiLine], menu([twoSauces]));
    expect(check.lines[0]!.problem).toBe("Sweet Lassi: choose at least 1 option for Sauce");
    expect(check.hasProblems).toBe(true);
  });

  it("shows a price changed since the line was added, and estimates at the new price without blocking", () => {
    const check = checkCart([dosaLine, lassiLine], menu([{ ...dosa, price: 13_000 }, lassi]));
    expect(check.lines[0]!.priceChange).toEqual({ from: 20_000, to: 21_000 });
    expect(check.lines[1]!.priceChange).toBeNull();
    expect(check).toMatchObject({ subtotal: 51_950, blockedReason: null });
    // A cart saved before prices were remembered shows no change.
    const { seenUnitPrice: _, ...older } = dosaLine;
    expect(checkCart([older], menu([{ ...dosa, price: 13_000 }])).lines[0]!.priceChange).toBeNull();
  });

  it("blocks checkout while the restaurant has paused ordering, the pause first", () => {
    const paused = checkCart([dosaLine], menu([dosa], { orderingPaused: true }));
    expect(paused).toMatchObject({ blockedReason: ORDERING_PAUSED_MESSAGE, total: 42_000 });
    const pausedAndSoldOut = checkCart([lassiLine], menu([{ ...lassi, available: false }], { orderingPaused: true }));
    expect(pausedAndSoldOut.blockedReason).toBe(ORDERING_PAUSED_MESSAGE);
    expect(ORDERING_PAUSED_MESSAGE).toMatch(/^The kitchen isn't taking orders right now/);
  });
});
