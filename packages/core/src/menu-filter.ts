/**
 * The guest menu's dietary filter and search: pure rules over the guest's menu view, used by the
 * guest app (the filter sheet, the search box, the "N items hidden" count). Browser-safe and
 * dependency-free, so the menu page pays little for them.
 *
 * Modifier options carry no allergens: the filter reads each item's own `allergens` list (and
 * dietary tags) only, and the guest app says so beside the filter.
 */
import { ALLERGEN_IDS, type AllergenId } from "./dietary";
import type { MenuCategoryView, MenuItemView } from "./views";

/** What the guest asked the menu to hide. */
export interface MenuFilter {
  /** Vegetarian items only (`passesMenuFilter`). */
  vegOnly: boolean;
  /** Items tagged vegan only. */
  vegan: boolean;
  /** Hide every item listing one of these allergens. */
  excludeAllergens: AllergenId[];
}

export const NO_MENU_FILTER: MenuFilter = { vegOnly: false, vegan: false, excludeAllergens: [] };

/** True when the filter hides anything at all. */
export function isMenuFilterActive(filter: MenuFilter): boolean {
  return filter.vegOnly || filter.vegan || filter.excludeAllergens.length > 0;
}

type FilteredItem = Pick<MenuItemView, "dietaryTags" | "allergens">;

/**
 * Whether `item` stays on the menu under `filter`:
 * - veg only: tagged veg, vegan or Jain, and neither non-veg nor "Contains egg" (FSSAI Labelling
 *   and Display Regulations 2020 count eggs as non-vegetarian); an untagged item is hidden, as
 *   nobody said it is vegetarian;
 * - vegan: tagged vegan;
 * - excluded allergens: hidden when the item's `allergens` lists one of them, or, for egg, when it
 *   carries the "Contains egg" tag.
 */
export function passesMenuFilter(item: FilteredItem, filter: MenuFilter): boolean {
  const tags: readonly string[] = item.dietaryTags;
  if (filter.vegan && !tags.includes("vegan")) return false;
  if (filter.vegOnly) {
    const veg = tags.includes("veg") || tags.includes("vegan") || tags.includes("jain");
    if (!veg || tags.includes("non-veg") || tags.includes("egg")) return false;
  }
  return !filter.excludeAllergens.some(
    (allergen) => item.allergens.includes(allergen) || (allergen === "egg" && tags.includes("egg")),
  );
}

/**
 * The menu's categories under `filter`, in their order, each with the items that pass
 * (`passesMenuFilter`) and without the categories left empty; `hiddenCount` items were left out.
 * Without an active filter, `categories` itself.
 */
export function filterMenu(
  categories: MenuCategoryView[],
  filter: MenuFilter,
): { categories: MenuCategoryView[]; hiddenCount: number } {
  if (!isMenuFilterActive(filter)) return { categories, hiddenCount: 0 };
  let hiddenCount = 0;
  const kept: MenuCategoryView[] = [];
  for (const category of categories) {
    const items = category.items.filter((item) => passesMenuFilter(item, filter));
    hiddenCount += category.items.length - items.length;
    if (items.length > 0) kept.push({ ...category, items });
  }
  return { categories: kept, hiddenCount };
}

/**
 * A stored filter (e.g. parsed from localStorage) as a `MenuFilter`: unknown allergens and repeats
 * dropped; anything not shaped like a filter is `NO_MENU_FILTER`. Never throws.
 */
export function toMenuFilter(value: unknown): MenuFilter {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return NO_MENU_FILTER;
  const { vegOnly, vegan, excludeAllergens } = value as Record<string, unknown>;
  if (typeof vegOnly !== "boolean" || typeof vegan !== "boolean" || !Array.isArray(excludeAllergens)) {
    return NO_MENU_FILTER;
  }
  const known: readonly unknown[] = ALLERGEN_IDS;
  const allergens = excludeAllergens.filter((id): id is AllergenId => known.includes(id));
  return { vegOnly, vegan, excludeAllergens: [...new Set(allergens)] };
}

/**
 * `text` folded for search: Unicode NFD with the Latin combining diacritics (U+0300–U+036F)
 * removed, then lower-cased, so "Crème" matches "creme". Marks of other scripts (Devanagari
 * vowel signs) are letters there and stay.
 */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** The words of a search query, folded (`fold`); empty for a blank query. */
function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/**
 * Whether `item` (in the category named `categoryName`) matches `query`: every word of the
 * query appears in its name, description or category name, ignoring case and Latin accents. A
 * blank query matches nothing.
 */
export function matchesMenuSearch(
  item: Pick<MenuItemView, "name" | "description">,
  categoryName: string,
  query: string,
): boolean {
  const words = queryWords(query);
  const haystack = fold(`${item.name}\n${item.description}\n${categoryName}`);
  return words.length > 0 && words.every((word) => haystack.includes(word));
}

/** A search result: the item and its category. */
export interface MenuSearchHit {
  category: MenuCategoryView;
  item: MenuItemView;
}

/**
 * The items the guest can see under `filter` (`filterMenu`) that match `query`
 * (`matchesMenuSearch`), in menu order. A filtered-out item is never found.
 */
export function searchMenu(categories: MenuCategoryView[], query: string, filter: MenuFilter): MenuSearchHit[] {
  return filterMenu(categories, filter).categories.flatMap((category) =>
    category.items.filter((item) => matchesMenuSearch(item, category.name, query)).map((item) => ({ category, item })),
  );
}
