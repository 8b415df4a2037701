/**
 * The fixed lists a menu item's dietary marks come from: the 14 allergens and the dietary tags,
 * each with the id stored on the item and the label people read. No dependencies, so the guest
 * menu can show labels without loading the editor's schemas.
 */

/**
 * The 14 allergens a menu must declare: EU Food Information to Consumers Regulation (EU)
 * No 1169/2011, Annex II ("Substances or products causing allergies or intolerances"), the list
 * menus worldwide (UK FSA, FSSAI labelling guidance) use. `id` is stored on the item; `label` is
 * what people read.
 */
export const ALLERGENS = [
  { id: "gluten", label: "Cereals containing gluten" },
  { id: "crustaceans", label: "Crustaceans" },
  { id: "egg", label: "Eggs" },
  { id: "fish", label: "Fish" },
  { id: "peanut", label: "Peanuts" },
  { id: "soy", label: "Soybeans" },
  { id: "milk", label: "Milk" },
  { id: "tree-nuts", label: "Tree nuts" },
  { id: "celery", label: "Celery" },
  { id: "mustard", label: "Mustard" },
  { id: "sesame", label: "Sesame" },
  { id: "sulphites", label: "Sulphites" },
  { id: "lupin", label: "Lupin" },
  { id: "molluscs", label: "Molluscs" },
] as const;
/** One of the 14 allergen ids of `ALLERGENS`. */
export type AllergenId = (typeof ALLERGENS)[number]["id"];
export const ALLERGEN_IDS = ALLERGENS.map((allergen) => allergen.id) as [AllergenId, ...AllergenId[]];

/**
 * The dietary tags an item can carry: the FSSAI vegetarian (green) / non-vegetarian (brown) marks
 * plus common diets. `id` is stored on the item; `label` is what people read.
 */
export const DIETARY_TAGS = [
  { id: "veg", label: "Vegetarian" },
  { id: "non-veg", label: "Non-vegetarian" },
  { id: "vegan", label: "Vegan" },
  { id: "egg", label: "Contains egg" },
  { id: "gluten-free", label: "Gluten-free" },
  { id: "jain", label: "Jain" },
  { id: "spicy", label: "Spicy" },
] as const;
/** A dietary tag shown on the menu (one of `DIETARY_TAGS`). */
export type DietaryTag = (typeof DIETARY_TAGS)[number]["id"];
export const DIETARY_TAG_IDS = DIETARY_TAGS.map((tag) => tag.id) as [DietaryTag, ...DietaryTag[]];

const ALLERGEN_LABELS = new Map<string, string>(ALLERGENS.map(({ id, label }) => [id, label]));

/** What people read for allergen `id` ("tree-nuts" → "Tree nuts"); an id outside the list (data from before it) as it is. */
export function allergenLabel(id: string): string {
  return ALLERGEN_LABELS.get(id) ?? id;
}

/** One order line's allergens as the kitchen's allergen banner lists them. */
export interface LineAllergenWarning {
  /** The line's index among the lines given. */
  index: number;
  name: string;
  quantity: number;
  /** The item's listed allergens at order time, as ids. */
  allergens: string[];
  /** Those of `allergens` the guest declared at checkout: the line needs the cook's attention first. */
  declared: string[];
}

/**
 * What the kitchen's allergen banner shows for an order: the allergies the guest declared, and
 * each of `lines` that lists an allergen, with those the guest declared picked out. Lines with
 * none listed are left out; modifier options list no allergens, so the item's list is all there
 * is. Empty `allergies` and no line → nothing to show. Missing lists (an order view stored before
 * these fields existed, replayed from a live stream) count as empty.
 */
export function allergenWarnings(
  allergies: readonly string[] | undefined,
  lines: readonly { name: string; quantity: number; allergens?: readonly string[] }[],
): { allergies: string[]; lines: LineAllergenWarning[] } {
  const declared = allergies ?? [];
  const warnings: LineAllergenWarning[] = [];
  lines.forEach(({ name, quantity, allergens = [] }, index) => {
    if (allergens.length === 0) return;
    warnings.push({
      index,
      name,
      quantity,
      allergens: [...allergens],
      declared: allergens.filter((id) => declared.includes(id)),
    });
  });
  return { allergies: [...declared], lines: warnings };
}
