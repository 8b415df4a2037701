import { describe, expect, expectTypeOf, it } from "vitest";
import type { OrderLineView, OrderView } from "./views";
import {
  PricingError,
  priceOrder,
  resolveModifierChoices,
  type CartLine,
  type PricingErrorCode,
  type PricingMenuItem,
} from "./pricing";

const dosa: PricingMenuItem = {
  id: "dosa",
  name: "Masala Dosa",
  price: 12_000,
  available: true,
  station: "kitchen",
  allergens: ["gluten", "milk"],
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
    {
      id: "addons",
      name: "Add-ons",
      minSelect: 0,
      maxSelect: 2,
      options: [
        { id: "cheese", name: "Extra Cheese", priceDelta: 3_000 },
        { id: "ghee", name: "Ghee Roast", priceDelta: 2_000 },
        { id: "paneer", name: "Paneer", priceDelta: 4_000, available: false },
        { id: "chutney", name: "Extra Chutney", priceDelta: 0, available: true },
      ],
    },
  ],
};
const coffee: PricingMenuItem = {
  id: "coffee",
  name: "Cold Coffee",
  price: 15_000,
  available: false,
  station: "bar",
  modifierGroups: [],
};
const lassi: PricingMenuItem = {
  id: "lassi",
  name: "Sweet Lassi",
  price: 9_950,
  available: true,
  station: "bar",
  modifierGroups: [
    { id: "ice", name: "Ice", minSelect: 0, maxSelect: 1, options: [{ id: "no-ice", name: "No Ice", priceDelta: 0 }] },
  ],
};
const thali: PricingMenuItem = {
  id: "thali",
  name: "Veg Thali",
  price: 25_000,
  available: true,
  station: "kitchen",
  modifierGroups: [
    {
      id: "sabzi",
      name: "Sabzi",
      minSelect: 2,
      maxSelect: 3,
      options: [
        { id: "aloo", name: "Aloo Gobi", priceDelta: 0 },
        { id: "bhindi", name: "Bhindi", priceDelta: 0 },
        { id: "palak", name: "Palak Paneer", priceDelta: 5_000 },
        { id: "chole", name: "Chole", priceDelta: 0 },
      ],
    },
  ],
};
const menu = new Map([dosa, coffee, lassi, thali].map((item) => [item.id, item]));

function price(lines: CartLine[], rates: { taxBps?: number; serviceChargeBps?: number; tip?: number } = {}) {
  return priceOrder({
    lines,
    menu,
    taxBps: rates.taxBps ?? 500,
    serviceChargeBps: rates.serviceChargeBps ?? 0,
    tip: rates.tip,
  });
}

function pricingError(lines: CartLine[]): PricingError {
  try {
    price(lines);
  } catch (e) {
    if (e instanceof PricingError) return e;
    throw e;
  }
  throw new Error("expected a PricingError");
}

describe("priceOrder: lines", () => {
  it("prices a line with modifiers in group then option order", () => {
    const { lines } = price([{ menuItemId: "dosa", quantity: 2, optionIds: ["ghee", "family", "cheese"] }]);
    expect(lines).toEqual([
      {
        menuItemId: "dosa",
        name: "Masala Dosa",
        unitPrice: 12_000 + 8_000 + 3_000 + 2_000,
        quantity: 2,
        modifiers: [
          { groupId: "size", groupName: "Size", optionId: "family", name: "Family", priceDelta: 8_000 },
          { groupId: "addons", groupName: "Add-ons", optionId: "cheese", name: "Extra Cheese", priceDelta: 3_000 },
          { groupId: "addons", groupName: "Add-ons", optionId: "ghee", name: "Ghee Roast", priceDelta: 2_000 },
        ],
        notes: null,
        lineTotal: 25_000 * 2,
        station: "kitchen",
        allergens: ["gluten", "milk"],
      },
    ]);
  });

  it("prices an item without modifiers", () => {
    const { lines } = price([{ menuItemId: "lassi", quantity: 3 }]);
    expect(lines[0]).toMatchObject({ unitPrice: 9_950, quantity: 3, lineTotal: 29_850, modifiers: [], station: "bar" });
  });

  it("snapshots the item's listed allergens on the line (none listed: an empty list)", () => {
    const { lines } = price([
      { menuItemId: "dosa", quantity: 1, optionIds: ["regular"] },
      { menuItemId: "lassi", quantity: 1 },
    ]);
    expect(lines.map((line) => line.allergens)).toEqual([["gluten", "milk"], []]);
  });

  it("keeps zero-delta options and explicitly available options", () => {
    const { lines } = price([{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "chutney"] }]);
    expect(lines[0]?.unitPrice).toBe(12_000);
    expect(lines[0]?.modifiers.map((m) => m.name)).toEqual(["Regular", "Extra Chutney"]);
  });

  it("trims notes and turns blank notes into null", () => {
    const lines = price([
      { menuItemId: "lassi", quantity: 1, notes: "  less sugar \n" },
      { menuItemId: "lassi", quantity: 1, notes: "   " },
      { menuItemId: "lassi", quantity: 1, notes: "" },
      { menuItemId: "lassi", quantity: 1 },
    ]).lines.map((l) => l.notes);
    expect(lines).toEqual(["less sugar", null, null, null]);
  });

  it("keeps lines separate and in cart order", () => {
    const { lines } = price([
      { menuItemId: "lassi", quantity: 1 },
      { menuItemId: "dosa", quantity: 1, optionIds: ["regular"] },
      { menuItemId: "lassi", quantity: 2, optionIds: ["no-ice"] },
    ]);
    expect(lines.map((l) => [l.menuItemId, l.quantity])).toEqual([
      ["lassi", 1],
      ["dosa", 1],
      ["lassi", 2],
    ]);
  });

  it("produces lines and totals that fit the public OrderView shape", () => {
    const order = price([{ menuItemId: "dosa", quantity: 1, optionIds: ["regular"] }]);
    // A priced line is an order line before the kitchen works on it (no `doneAt` yet).
    type PricedLine = Omit<OrderLineView, "doneAt">;
    expectTypeOf(order.lines).toExtend<PricedLine[]>();
    expectTypeOf(order).toExtend<
      Pick<OrderView, "subtotal" | "serviceCharge" | "tax" | "tip" | "total"> & { lines: PricedLine[] }
    >();
  });

  it("accepts quantities 1 and 50", () => {
    expect(price([{ menuItemId: "lassi", quantity: 1 }]).subtotal).toBe(9_950);
    expect(price([{ menuItemId: "lassi", quantity: 50 }]).subtotal).toBe(497_500);
  });
});

describe("priceOrder: totals", () => {
  it("adds service charge, then GST on subtotal + service charge, then tip", () => {
    // subtotal 2 × 9 950 = 19 900; service 10 % = 1 990; tax 5 % of 21 890 = 1 094.5 → 1 095
    const order = price([{ menuItemId: "lassi", quantity: 2 }], { taxBps: 500, serviceChargeBps: 1_000, tip: 2_000 });
    expect(order).toMatchObject({ subtotal: 19_900, serviceCharge: 1_990, tax: 1_095, tip: 2_000, total: 24_985 });
  });

  it("rounds service charge and tax half up, each on its own", () => {
    // subtotal 9 950; service 2.5 % = 248.75 → 249; tax 18 % of 10 199 = 1 835.82 → 1 836
    const order = price([{ menuItemId: "lassi", quantity: 1 }], { taxBps: 1_800, serviceChargeBps: 250 });
    expect(order).toMatchObject({ subtotal: 9_950, serviceCharge: 249, tax: 1_836, tip: 0, total: 12_035 });
  });

  it("charges no service or tax at zero rates", () => {
    const order = price([{ menuItemId: "lassi", quantity: 1 }], { taxBps: 0, serviceChargeBps: 0 });
    expect(order).toMatchObject({ subtotal: 9_950, serviceCharge: 0, tax: 0, tip: 0, total: 9_950 });
  });

  it("does not tax the tip", () => {
    const withTip = price([{ menuItemId: "lassi", quantity: 1 }], { tip: 5_000 });
    const withoutTip = price([{ menuItemId: "lassi", quantity: 1 }]);
    expect(withTip.tax).toBe(withoutTip.tax);
    expect(withTip.total - withoutTip.total).toBe(5_000);
  });

  it("sums several lines", () => {
    const order = price(
      [
        { menuItemId: "dosa", quantity: 2, optionIds: ["family"] }, // 2 × 20 000
        { menuItemId: "thali", quantity: 1, optionIds: ["aloo", "palak"] }, // 30 000
      ],
      { taxBps: 500, serviceChargeBps: 0 },
    );
    expect(order).toMatchObject({ subtotal: 70_000, serviceCharge: 0, tax: 3_500, total: 73_500 });
  });

  it("prices an empty cart to zero", () => {
    expect(price([])).toEqual({ lines: [], subtotal: 0, serviceCharge: 0, tax: 0, tip: 0, total: 0 });
  });

  it.each([-1, 10.5, Number.NaN])("throws RangeError for tip %s", (tip) => {
    expect(() => price([{ menuItemId: "lassi", quantity: 1 }], { tip })).toThrow(RangeError);
  });

  it("throws RangeError for a negative or fractional rate", () => {
    expect(() => price([{ menuItemId: "lassi", quantity: 1 }], { taxBps: -5 })).toThrow(RangeError);
    expect(() => price([{ menuItemId: "lassi", quantity: 1 }], { serviceChargeBps: 2.5 })).toThrow(RangeError);
  });

  it("throws RangeError for a menu with a fractional price", () => {
    const bad = new Map([["x", { ...lassi, id: "x", price: 99.5 }]]);
    expect(() =>
      priceOrder({ lines: [{ menuItemId: "x", quantity: 1 }], menu: bad, taxBps: 0, serviceChargeBps: 0 }),
    ).toThrow(RangeError);
  });
});

describe("priceOrder: errors", () => {
  const cases: [string, CartLine[], PricingErrorCode, string, string][] = [
    [
      "an unknown item",
      [{ menuItemId: "nope", quantity: 1 }],
      "ITEM_NOT_FOUND",
      "nope",
      "An item in your cart is no longer on the menu",
    ],
    [
      "an 86'd item",
      [{ menuItemId: "coffee", quantity: 1 }],
      "ITEM_UNAVAILABLE",
      "coffee",
      "Cold Coffee is no longer available",
    ],
    [
      "quantity 0",
      [{ menuItemId: "lassi", quantity: 0 }],
      "INVALID_QUANTITY",
      "lassi",
      "Sweet Lassi: quantity must be between 1 and 50",
    ],
    [
      "quantity 51",
      [{ menuItemId: "lassi", quantity: 51 }],
      "INVALID_QUANTITY",
      "lassi",
      "Sweet Lassi: quantity must be between 1 and 50",
    ],
    [
      "quantity -1",
      [{ menuItemId: "lassi", quantity: -1 }],
      "INVALID_QUANTITY",
      "lassi",
      "Sweet Lassi: quantity must be between 1 and 50",
    ],
    [
      "quantity 1.5",
      [{ menuItemId: "lassi", quantity: 1.5 }],
      "INVALID_QUANTITY",
      "lassi",
      "Sweet Lassi: quantity must be between 1 and 50",
    ],
    [
      "quantity NaN",
      [{ menuItemId: "lassi", quantity: Number.NaN }],
      "INVALID_QUANTITY",
      "lassi",
      "Sweet Lassi: quantity must be between 1 and 50",
    ],
    [
      "another item's option",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "no-ice"] }],
      "OPTION_NOT_FOUND",
      "dosa",
      "No Ice isn't an option for Masala Dosa",
    ],
    [
      "an unknown option",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "zzz"] }],
      "OPTION_NOT_FOUND",
      "dosa",
      "One of your choices isn't an option for Masala Dosa",
    ],
    [
      "a sold-out option",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "paneer"] }],
      "OPTION_UNAVAILABLE",
      "dosa",
      "Masala Dosa: Paneer is no longer available",
    ],
    [
      "an option chosen twice",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "cheese", "cheese"] }],
      "DUPLICATE_OPTION",
      "dosa",
      "Masala Dosa: Extra Cheese was chosen more than once",
    ],
    [
      "a required group left empty",
      [{ menuItemId: "dosa", quantity: 1 }],
      "GROUP_MIN",
      "dosa",
      "Masala Dosa: choose at least 1 option for Size",
    ],
    [
      "too few in a group that needs two",
      [{ menuItemId: "thali", quantity: 1, optionIds: ["aloo"] }],
      "GROUP_MIN",
      "thali",
      "Veg Thali: choose at least 2 options for Sabzi",
    ],
    [
      "two choices in a pick-one group",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "family"] }],
      "GROUP_MAX",
      "dosa",
      "Masala Dosa: choose at most 1 option for Size",
    ],
    [
      "too many add-ons",
      [{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "cheese", "ghee", "chutney"] }],
      "GROUP_MAX",
      "dosa",
      "Masala Dosa: choose at most 2 options for Add-ons",
    ],
    [
      "a problem on a later line",
      [
        { menuItemId: "lassi", quantity: 1 },
        { menuItemId: "coffee", quantity: 2 },
      ],
      "ITEM_UNAVAILABLE",
      "coffee",
      "Cold Coffee is no longer available",
    ],
  ];

  it.each(cases)("rejects %s", (_label, lines, code, menuItemId, message) => {
    const error = pricingError(lines);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PricingError");
    expect(error.code).toBe(code);
    expect(error.menuItemId).toBe(menuItemId);
    expect(error.message).toBe(message);
  });

  it("covers every error code", () => {
    const codes = new Set(cases.map((c) => c[2]));
    expect([...codes].sort()).toEqual(
      [
        "ITEM_NOT_FOUND",
        "ITEM_UNAVAILABLE",
        "OPTION_NOT_FOUND",
        "OPTION_UNAVAILABLE",
        "DUPLICATE_OPTION",
        "GROUP_MIN",
        "GROUP_MAX",
        "INVALID_QUANTITY",
      ].sort(),
    );
  });

  it("names the group and option in the error details", () => {
    expect(pricingError([{ menuItemId: "dosa", quantity: 1 }])).toMatchObject({ groupId: "size", optionId: null });
    expect(pricingError([{ menuItemId: "dosa", quantity: 1, optionIds: ["regular", "paneer"] }])).toMatchObject({
      groupId: "addons",
      optionId: "paneer",
    });
    expect(pricingError([{ menuItemId: "dosa", quantity: 1, optionIds: ["no-ice"] }])).toMatchObject({
      groupId: null,
      optionId: "no-ice",
    });
  });

  it("reports an unavailable item before a bad quantity", () => {
    expect(pricingError([{ menuItemId: "coffee", quantity: 0 }]).code).toBe("ITEM_UNAVAILABLE");
  });
});

describe("resolveModifierChoices", () => {
  it("lists the chosen options in group then option order, with the unit price", () => {
    const choices = resolveModifierChoices(dosa, ["ghee", "family", "cheese"]);
    expect(choices.modifiers.map((m) => m.optionId)).toEqual(["family", "cheese", "ghee"]);
    expect(choices.unitPrice).toBe(12_000 + 8_000 + 3_000 + 2_000);
    expect(choices.problems).toEqual([]);
  });

  it("reports every group outside its limits, in the guest's words, without throwing", () => {
    const choices = resolveModifierChoices(dosa, ["cheese", "ghee", "chutney"]);
    expect(choices.problems).toEqual([
      {
        code: "GROUP_MIN",
        groupId: "size",
        message: "Choose at least 1 option for Size",
        limit: "choose at least 1 option for Size",
      },
      {
        code: "GROUP_MAX",
        groupId: "addons",
        message: "Choose at most 2 options for Add-ons",
        limit: "choose at most 2 options for Add-ons",
      },
    ]);
    expect(resolveModifierChoices(thali, ["aloo"]).problems.map((p) => p.message)).toEqual([
      "Choose at least 2 options for Sabzi",
    ]);
  });

  it("agrees with priceOrder on the unit price and the first problem", () => {
    const line = { menuItemId: "dosa", quantity: 2, optionIds: ["family", "cheese"] };
    expect(price([line]).lines[0]?.unitPrice).toBe(resolveModifierChoices(dosa, line.optionIds).unitPrice);
    const [problem] = resolveModifierChoices(thali, ["aloo"]).problems;
    expect(pricingError([{ menuItemId: "thali", quantity: 1, optionIds: ["aloo"] }]).message).toBe(
      `Veg Thali: ${problem?.limit ?? ""}`,
    );
  });

  it("ignores ids of no group of the item", () => {
    expect(resolveModifierChoices(lassi, ["regular", "no-ice"]).modifiers.map((m) => m.optionId)).toEqual(["no-ice"]);
  });
});
