import { describe, expect, it } from "vitest";
import {
  decodeOrderHistoryCursor,
  encodeOrderHistoryCursor,
  myOrdersInput,
  reorderLines,
  summarizeOrderLines,
  type OrderHistoryItem,
} from "./order-history";
import type { MenuItemView } from "./views";

const item = (id: string, name: string, over: Partial<MenuItemView> = {}): MenuItemView => ({
  id,
  categoryId: "c",
  name,
  description: "",
  price: 10000,
  photo: null,
  dietaryTags: [],
  allergens: [],
  available: true,
  modifierGroups: [],
  ...over,
});
const chai = item("chai", "Masala Chai", {
  modifierGroups: [
    {
      id: "size",
      name: "Size",
      minSelect: 1,
      maxSelect: 1,
      options: [{ id: "large", name: "Large", priceDelta: 2000 }],
    },
  ],
});
const line = (
  menuItemId: string,
  name: string,
  quantity = 1,
  optionIds: string[] = [],
  notes: string | null = null,
) => ({
  menuItemId,
  name,
  quantity,
  optionIds,
  notes,
});

describe("reorderLines", () => {
  it("re-adds every line still on the menu with its options and notes, and names the ones skipped", () => {
    const order: OrderHistoryItem["lines"] = [
      line("naan", "Garlic Naan", 2, [], "well done"),
      line("chai", "Masala Chai", 1, ["large"]),
      line("prawns", "Tandoori Prawns"),
      line("gone", "Old Dish"),
      line("chai", "Masala Chai", 1, ["small"]),
    ];
    const menu = [item("naan", "Garlic Naan"), chai, item("prawns", "Tandoori Prawns", { available: false })];
    expect(reorderLines(order, menu)).toEqual({
      lines: [
        { menuItemId: "naan", quantity: 2, optionIds: [], notes: "well done" },
        { menuItemId: "chai", quantity: 1, optionIds: ["large"], notes: "" },
      ],
      skipped: ["Tandoori Prawns", "Old Dish", "Masala Chai"],
    });
  });
});

describe("order history cursor", () => {
  it("round-trips a position and refuses anything else with a human message", () => {
    const position = { placedAt: new Date("2026-06-15T06:30:00.123Z"), id: "0123456789abcdef01234567" };
    const cursor = encodeOrderHistoryCursor(position);
    expect(decodeOrderHistoryCursor(cursor)).toEqual(position);
    expect(myOrdersInput.safeParse({ cursor }).success).toBe(true);
    for (const bad of ["", "abc", "1_zz", "%%%"]) {
      const parsed = myOrdersInput.safeParse({ cursor: bad });
      expect(parsed.error?.issues[0]?.message).toBe(
        "This page position isn't valid. Reload your orders to start again.",
      );
    }
  });

  it("summarizes an order's lines in one line", () => {
    expect(
      summarizeOrderLines([line("a", "Naan", 2), line("b", "Dal"), line("c", "Chai", 3), line("d", "Kulfi")]),
    ).toBe("Naan ×2, Dal, Chai ×3 and 1 more");
  });
});
