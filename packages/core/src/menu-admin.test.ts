import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ALLERGENS, allergenLabel, DIETARY_TAGS } from "./dietary";
import {
  deleteCategoryInput,
  MENU_LIMITS,
  reorderCategoriesInput,
  saveCategoryInput,
  saveItemInput,
  setAvailabilityInput,
} from "./menu-admin";

const ID = "65f1a2b3c4d5e6f708091a2b";
const ID2 = "65f1a2b3c4d5e6f708091a2c";

/** Each issue of a failed parse as "path: message". */
function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const group = (overrides: Record<string, unknown> = {}) => ({
  name: "Size",
  minSelect: 1,
  maxSelect: 1,
  options: [
    { name: "Half", priceDelta: 0, available: true },
    { name: "Full", priceDelta: 8_000, available: true },
  ],
  ...overrides,
});

const item = (overrides: Record<string, unknown> = {}) => ({
  categoryId: ID,
  name: "Paneer Tikka",
  description: "Charred cottage cheese",
  price: 32_000,
  station: "tandoor",
  dietaryTags: ["veg"],
  allergens: ["milk"],
  sortOrder: 1,
  available: true,
  modifierGroups: [group()],
  ...overrides,
});

describe("ALLERGENS and DIETARY_TAGS", () => {
  it("lists the 14 allergens of EU FIC Annex II, each once, with a label", () => {
    expect(ALLERGENS.map((a) => a.id)).toEqual([
      "gluten",
      "crustaceans",
      "egg",
      "fish",
      "peanut",
      "soy",
      "milk",
      "tree-nuts",
      "celery",
      "mustard",
      "sesame",
      "sulphites",
      "lupin",
      "molluscs",
    ]);
    for (const allergen of ALLERGENS) expect(allergen.label).not.toBe("");
    expect(allergenLabel("tree-nuts")).toBe("Tree nuts");
    expect(allergenLabel("dairy")).toBe("dairy");
  });

  it("labels every dietary tag", () => {
    expect(DIETARY_TAGS.map((t) => t.id)).toEqual(["veg", "non-veg", "vegan", "egg", "gluten-free", "jain", "spicy"]);
  });
});

describe("saveItemInput", () => {
  it("accepts a full item and normalises it", () => {
    const parsed = saveItemInput.parse(
      item({
        name: "  Paneer\u202E Tikka ",
        station: " Tandoor ",
        allergens: ["milk", "milk"],
        dietaryTags: ["veg", "veg"],
      }),
    );
    expect(parsed).toMatchObject({
      name: "Paneer Tikka",
      station: "tandoor",
      allergens: ["milk"],
      dietaryTags: ["veg"],
    });
  });

  it("fills defaults for a minimal item", () => {
    expect(saveItemInput.parse({ categoryId: ID, name: "Chai", price: 0, station: "bar" })).toEqual({
      categoryId: ID,
      name: "Chai",
      description: "",
      price: 0,
      station: "bar",
      dietaryTags: [],
      allergens: [],
      sortOrder: 0,
      available: true,
      modifierGroups: [],
    });
  });

  it("refuses an empty name, with a human message on the name", () => {
    expect(issues(saveItemInput, item({ name: "   " }))).toEqual(["name: Enter a name for the item"]);
  });

  it("refuses negative, fractional, missing and absurd prices", () => {
    expect(issues(saveItemInput, item({ price: -100 }))).toEqual(["price: Price can't be negative"]);
    expect(issues(saveItemInput, item({ price: 100.5 }))).toEqual([
      "price: Price can have at most 2 decimals (whole paise)",
    ]);
    expect(issues(saveItemInput, item({ price: Number.NaN }))).toEqual(["price: Enter price in rupees"]);
    expect(issues(saveItemInput, item({ price: MENU_LIMITS.maxPrice + 1 }))).toEqual([
      "price: Price can be at most ₹1,00,000",
    ]);
    expect(saveItemInput.safeParse(item({ price: MENU_LIMITS.maxPrice })).success).toBe(true);
  });

  it("refuses allergens and tags outside the fixed lists", () => {
    expect(issues(saveItemInput, item({ allergens: ["dairy"] }))).toEqual(["allergens.0: Not one of the 14 allergens"]);
    expect(issues(saveItemInput, item({ dietaryTags: ["keto"] }))).toEqual([
      "dietaryTags.0: Not a dietary tag the menu knows",
    ]);
  });

  it("refuses an empty station", () => {
    expect(issues(saveItemInput, item({ station: "" }))).toEqual([
      "station: Enter the kitchen station, e.g. kitchen or bar",
    ]);
  });

  it("refuses a modifier group whose fewest choices exceed its most", () => {
    expect(issues(saveItemInput, item({ modifierGroups: [group({ minSelect: 2, maxSelect: 1 })] }))).toEqual([
      "modifierGroups.0.minSelect: The fewest choices (2) can't be more than the most (1)",
    ]);
  });

  it("refuses a modifier group with no options", () => {
    expect(issues(saveItemInput, item({ modifierGroups: [group({ minSelect: 0, options: [] })] }))).toEqual([
      "modifierGroups.0.options: Add at least one option to this group",
    ]);
  });

  it("refuses a group whose most choices exceed its options", () => {
    expect(issues(saveItemInput, item({ modifierGroups: [group({ maxSelect: 3 })] }))).toEqual([
      "modifierGroups.0.maxSelect: The most choices (3) can't be more than the 2 options",
    ]);
  });

  it("refuses empty option names and negative or fractional price differences", () => {
    const options = [
      { name: "", priceDelta: 0, available: true },
      { name: "Extra", priceDelta: -5, available: true },
      { name: "Dip", priceDelta: 2.5, available: true },
    ];
    expect(issues(saveItemInput, item({ modifierGroups: [group({ options })] }))).toEqual([
      "modifierGroups.0.options.0.name: Enter a name for the option",
      "modifierGroups.0.options.1.priceDelta: Price difference can't be negative",
      "modifierGroups.0.options.2.priceDelta: Price difference can have at most 2 decimals (whole paise)",
    ]);
  });

  it("refuses ids that are not ids", () => {
    expect(issues(saveItemInput, item({ categoryId: "nope" }))).toEqual(["categoryId: Not a valid id"]);
  });
});

describe("saveCategoryInput", () => {
  it("accepts a name, trims it and defaults the description", () => {
    expect(saveCategoryInput.parse({ name: " Starters " })).toEqual({ name: "Starters", description: "" });
  });

  it("refuses an empty or too long name", () => {
    expect(issues(saveCategoryInput, { name: "" })).toEqual(["name: Enter a name for the category"]);
    expect(issues(saveCategoryInput, { name: "x".repeat(81) })).toEqual(["name: Name can be at most 80 characters"]);
  });
});

describe("the other menu inputs", () => {
  it("reorderCategories refuses a category twice", () => {
    expect(reorderCategoriesInput.safeParse({ categoryIds: [ID, ID2] }).success).toBe(true);
    expect(issues(reorderCategoriesInput, { categoryIds: [ID, ID] })).toEqual([
      "categoryIds: Each category can appear once",
    ]);
  });

  it("deleteCategory and setAvailability need ids and a boolean", () => {
    expect(issues(deleteCategoryInput, { categoryId: "x" })).toEqual(["categoryId: Not a valid id"]);
    expect(setAvailabilityInput.parse({ menuItemId: ID, available: false })).toEqual({
      menuItemId: ID,
      available: false,
    });
    expect(issues(setAvailabilityInput, { menuItemId: ID })).toEqual(["available: Choose available or not"]);
  });
});
