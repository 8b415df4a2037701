import { describe, expect, it } from "vitest";
import {
  NO_MENU_FILTER,
  filterMenu,
  isMenuFilterActive,
  matchesMenuSearch,
  passesMenuFilter,
  searchMenu,
  toMenuFilter,
  type MenuFilter,
} from "./menu-filter";
import type { DietaryTag } from "./dietary";
import type { MenuCategoryView, MenuItemView } from "./views";

function item(id: string, name: string, tags: DietaryTag[], allergens: string[], description = ""): MenuItemView {
  return {
    id,
    categoryId: "c",
    name,
    description,
    price: 10_000,
    photo: null,
    dietaryTags: tags,
    allergens,
    available: true,
    modifierGroups: [],
  };
}

const paneer = item("paneer", "Paneer Tikka", ["veg"], ["milk"], "Cottage cheese from the tandoor");
const dal = item("dal", "Dal Tadka", ["vegan"], [], "Yellow lentils, cumin, garlic");
const chicken = item("chicken", "Chicken 65", ["non-veg", "spicy"], ["gluten"]);
const omelette = item("omelette", "Masala Omelette", ["veg", "egg"], []);
const satay = item("satay", "Tofu Satay", ["vegan"], ["peanut", "soy"], "Grilled tofu, peanut sauce");
const untagged = item("water", "Mineral Water", [], []);
const creme = item("creme", "Crème Brûlée", ["veg"], ["milk", "egg"], "Vanilla custard, caramelised sugar");

const categories: MenuCategoryView[] = [
  { id: "starters", name: "Starters", description: "", items: [paneer, chicken, satay] },
  { id: "mains", name: "Mains", description: "", items: [dal, omelette] },
  { id: "desserts", name: "Desserts & Drinks", description: "", items: [creme, untagged] },
];

const filter = (patch: Partial<MenuFilter>): MenuFilter => ({ ...NO_MENU_FILTER, ...patch });

describe("passesMenuFilter", () => {
  it("shows everything without a filter", () => {
    for (const each of [paneer, dal, chicken, omelette, satay, untagged, creme]) {
      expect(passesMenuFilter(each, NO_MENU_FILTER)).toBe(true);
    }
    expect(isMenuFilterActive(NO_MENU_FILTER)).toBe(false);
  });

  it("veg only keeps vegetarian and vegan items; non-veg, egg (FSSAI) and untagged items are hidden", () => {
    const shown = [paneer, dal, chicken, omelette, satay, untagged, creme].filter((i) =>
      passesMenuFilter(i, filter({ vegOnly: true })),
    );
    expect(shown.map((i) => i.id)).toEqual(["paneer", "dal", "satay", "creme"]);
  });

  it("vegan keeps only items tagged vegan", () => {
    const shown = [paneer, dal, chicken, omelette, satay, untagged].filter((i) =>
      passesMenuFilter(i, filter({ vegan: true })),
    );
    expect(shown.map((i) => i.id)).toEqual(["dal", "satay"]);
  });

  it("hides every item listing an excluded allergen (and the 'Contains egg' tag counts as egg)", () => {
    const noPeanutOrEgg = filter({ excludeAllergens: ["peanut", "egg"] });
    expect(passesMenuFilter(satay, noPeanutOrEgg)).toBe(false);
    expect(passesMenuFilter(creme, noPeanutOrEgg)).toBe(false);
    expect(passesMenuFilter(omelette, noPeanutOrEgg)).toBe(false);
    expect(passesMenuFilter(paneer, noPeanutOrEgg)).toBe(true);
    expect(isMenuFilterActive(noPeanutOrEgg)).toBe(true);
  });
});

describe("filterMenu", () => {
  it("keeps category order, drops emptied categories and counts the hidden items", () => {
    const result = filterMenu(categories, filter({ vegan: true }));
    expect(result.categories.map((c) => [c.id, c.items.map((i) => i.id)])).toEqual([
      ["starters", ["satay"]],
      ["mains", ["dal"]],
    ]);
    expect(result.hiddenCount).toBe(5);
  });

  it("returns the menu as it is without a filter", () => {
    const result = filterMenu(categories, NO_MENU_FILTER);
    expect(result.categories).toBe(categories);
    expect(result.hiddenCount).toBe(0);
  });
});

describe("toMenuFilter", () => {
  it("reads a stored filter, keeping only known allergens, each once", () => {
    expect(toMenuFilter({ vegOnly: true, vegan: false, excludeAllergens: ["milk", "chocolate", "milk", 3] })).toEqual({
      vegOnly: true,
      vegan: false,
      excludeAllergens: ["milk"],
    });
  });

  it.each([null, undefined, "veg", 42, [], { vegOnly: "yes" }])("falls back to no filter for %j", (value) => {
    expect(toMenuFilter(value)).toEqual(NO_MENU_FILTER);
  });
});

describe("menu search", () => {
  it("matches name, description and category, ignoring case and accents", () => {
    expect(matchesMenuSearch(creme, "Desserts", "creme brulee")).toBe(true);
    expect(matchesMenuSearch(creme, "Desserts", "CUSTARD")).toBe(true);
    expect(matchesMenuSearch(paneer, "Starters", "starters")).toBe(true);
    expect(matchesMenuSearch(dal, "Mains", "lentil")).toBe(true);
    expect(matchesMenuSearch(dal, "Mains", "paneer")).toBe(false);
  });

  it("needs every word of the query, in any order", () => {
    expect(matchesMenuSearch(satay, "Starters", "peanut tofu")).toBe(true);
    expect(matchesMenuSearch(satay, "Starters", "peanut paneer")).toBe(false);
  });

  it("a blank query matches nothing", () => {
    expect(searchMenu(categories, "   ", NO_MENU_FILTER)).toEqual([]);
  });

  it("finds only what the filter shows", () => {
    expect(searchMenu(categories, "peanut", NO_MENU_FILTER).map((hit) => hit.item.id)).toEqual(["satay"]);
    expect(searchMenu(categories, "peanut", filter({ excludeAllergens: ["peanut"] }))).toEqual([]);
    expect(searchMenu(categories, "a", filter({ vegan: true })).map((hit) => [hit.category.id, hit.item.id])).toEqual([
      ["starters", "satay"],
      ["mains", "dal"],
    ]);
  });

  it("keeps letters of other scripts (Devanagari matras are not stripped)", () => {
    const lassi = item("lassi", "मीठी लस्सी", ["veg"], ["milk"]);
    expect(matchesMenuSearch(lassi, "Drinks", "लस्सी")).toBe(true);
    expect(matchesMenuSearch(lassi, "Drinks", "लसस")).toBe(false);
  });
});
