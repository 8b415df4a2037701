import { describe, expect, it } from "vitest";
import { allergenLabel, allergenWarnings } from "./dietary";

describe("allergenLabel", () => {
  it("reads an allergen id as people say it, and keeps an unknown id as it is", () => {
    expect(allergenLabel("tree-nuts")).toBe("Tree nuts");
    expect(allergenLabel("kiwi")).toBe("kiwi");
  });
});

describe("allergenWarnings", () => {
  const lines = [
    { name: "Rasmalai", quantity: 2, allergens: ["milk", "tree-nuts"] },
    { name: "Garlic Naan", quantity: 1, allergens: [] },
    { name: "Satay", quantity: 1, allergens: ["peanut"] },
  ];

  it("lists the guest's allergies and every line with a listed allergen, picking out the declared ones", () => {
    expect(allergenWarnings(["tree-nuts"], lines)).toEqual({
      allergies: ["tree-nuts"],
      lines: [
        { index: 0, name: "Rasmalai", quantity: 2, allergens: ["milk", "tree-nuts"], declared: ["tree-nuts"] },
        { index: 2, name: "Satay", quantity: 1, allergens: ["peanut"], declared: [] },
      ],
    });
  });

  it("has nothing to show without declared allergies or listed allergens", () => {
    expect(allergenWarnings([], [lines[1]!])).toEqual({ allergies: [], lines: [] });
  });

  it("reads an order view from before these fields existed as having none", () => {
    expect(allergenWarnings(undefined, [{ name: "Lassi", quantity: 1 }])).toEqual({ allergies: [], lines: [] });
  });
});
