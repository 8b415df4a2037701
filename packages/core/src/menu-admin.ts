/**
 * The manager's menu editor (`admin.menu.*`): the fixed lists of allergens and dietary tags, the
 * input schemas (shared by the API and the dashboard's forms) and the admin views. Money in
 * integer paise; messages written for the manager filling in the form.
 */
import { z } from "zod";
import { ALLERGEN_IDS, DIETARY_TAG_IDS, type AllergenId, type DietaryTag } from "./dietary";
import type { MenuItemPhotoView } from "./photo";
import { displayText, objectIdSchema } from "./schemas";

/** Limits of the menu editor's fields. Prices in paise. */
export const MENU_LIMITS = {
  nameMaxLength: 80,
  descriptionMaxLength: 500,
  stationMaxLength: 32,
  /** The highest price of an item or option: ₹1,00,000 (10 000 000 paise), far above any dish, far below overflow. */
  maxPrice: 10_000_000,
  maxModifierGroups: 10,
  maxOptionsPerGroup: 20,
  maxSortOrder: 10_000,
  maxCategories: 100,
} as const;

const MAX_PRICE_RUPEES = MENU_LIMITS.maxPrice / 100;

/** The required name of a `thing`: `displayText`, not empty, at most `MENU_LIMITS.nameMaxLength` characters. */
function nameText(thing: string) {
  return displayText(MENU_LIMITS.nameMaxLength, `Name can be at most ${MENU_LIMITS.nameMaxLength} characters`).min(
    1,
    `Enter a name for the ${thing}`,
  );
}

const descriptionText = displayText(
  MENU_LIMITS.descriptionMaxLength,
  `Description can be at most ${MENU_LIMITS.descriptionMaxLength} characters`,
);

/** An amount of money in integer paise, 0 to `MENU_LIMITS.maxPrice`. */
function paise(what: string) {
  return z
    .number({ error: `Enter ${what.toLowerCase()} in rupees` })
    .int(`${what} can have at most 2 decimals (whole paise)`)
    .min(0, `${what} can't be negative`)
    .max(MENU_LIMITS.maxPrice, `${what} can be at most ₹${MAX_PRICE_RUPEES.toLocaleString("en-IN")}`);
}

const sortOrder = z
  .number({ error: "Sort order must be a whole number" })
  .int("Sort order must be a whole number")
  .min(0, "Sort order can't be negative")
  .max(MENU_LIMITS.maxSortOrder, `Sort order can be at most ${MENU_LIMITS.maxSortOrder}`);

/** `admin.menu.saveCategory`: creates the category when `id` is absent, else updates it. */
export const saveCategoryInput = z.object({
  id: objectIdSchema.optional(),
  name: nameText("category"),
  description: descriptionText.default(""),
  /** Position among the categories (lowest first); a new category without one goes last. */
  sortOrder: sortOrder.optional(),
});
export type SaveCategoryInput = z.input<typeof saveCategoryInput>;

/** `admin.menu.deleteCategory`: only an empty category can be deleted. */
export const deleteCategoryInput = z.object({ categoryId: objectIdSchema });
export type DeleteCategoryInput = z.infer<typeof deleteCategoryInput>;

/** `admin.menu.reorderCategories`: every category of the restaurant, once each, in the new order. */
export const reorderCategoriesInput = z.object({
  categoryIds: z
    .array(objectIdSchema)
    .max(MENU_LIMITS.maxCategories, `A menu can have at most ${MENU_LIMITS.maxCategories} categories`)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, "Each category can appear once"),
});
export type ReorderCategoriesInput = z.infer<typeof reorderCategoriesInput>;

/** One option of a modifier group; `id` of an existing option keeps it (carts refer to it). */
export const modifierOptionInput = z.object({
  id: objectIdSchema.optional(),
  name: nameText("option"),
  /** Added to the item's price, paise (0 for a free choice). */
  priceDelta: paise("Price difference"),
  available: z.boolean().default(true),
});

/**
 * A modifier group ("Size", "Add-ons"): the guest picks `minSelect` to `maxSelect` of its
 * options. Rules: at least one option; min ≤ max; max ≤ the number of options.
 */
export const modifierGroupInput = z
  .object({
    id: objectIdSchema.optional(),
    name: nameText("group"),
    minSelect: z
      .number({ error: "Enter the fewest choices" })
      .int("The fewest choices must be a whole number")
      .min(0, "The fewest choices can't be negative"),
    maxSelect: z
      .number({ error: "Enter the most choices" })
      .int("The most choices must be a whole number")
      .min(1, "The most choices must be at least 1"),
    options: z
      .array(modifierOptionInput)
      .max(MENU_LIMITS.maxOptionsPerGroup, `A group can have at most ${MENU_LIMITS.maxOptionsPerGroup} options`),
  })
  .superRefine((group, ctx) => {
    if (group.options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option to this group" });
    }
    if (group.minSelect > group.maxSelect) {
      ctx.addIssue({
        code: "custom",
        path: ["minSelect"],
        message: `The fewest choices (${group.minSelect}) can't be more than the most (${group.maxSelect})`,
      });
    }
    if (group.options.length > 0 && group.maxSelect > group.options.length) {
      ctx.addIssue({
        code: "custom",
        path: ["maxSelect"],
        message: `The most choices (${group.maxSelect}) can't be more than the ${group.options.length} option${group.options.length === 1 ? "" : "s"}`,
      });
    }
  });
export type ModifierGroupInput = z.input<typeof modifierGroupInput>;

/** A kitchen station's name ("tandoor", "bar"): trimmed, lower-cased (stations are stored so), 1–32 characters. */
export const stationSchema = displayText(
  MENU_LIMITS.stationMaxLength,
  `Station can be at most ${MENU_LIMITS.stationMaxLength} characters`,
)
  .toLowerCase()
  .min(1, "Enter the kitchen station, e.g. kitchen or bar");

/**
 * `admin.menu.saveItem`: creates the item when `id` is absent, else replaces its editable fields.
 * `price` and option `priceDelta`s in integer paise; `station` is the kitchen station its ticket
 * lines go to (lower-cased). Groups and options passed with their `id` keep it.
 */
export const saveItemInput = z.object({
  id: objectIdSchema.optional(),
  categoryId: objectIdSchema,
  name: nameText("item"),
  description: descriptionText.default(""),
  price: paise("Price"),
  station: stationSchema,
  dietaryTags: z
    .array(z.enum(DIETARY_TAG_IDS, { error: "Not a dietary tag the menu knows" }))
    .transform((tags) => [...new Set(tags)])
    .default([]),
  allergens: z
    .array(z.enum(ALLERGEN_IDS, { error: "Not one of the 14 allergens" }))
    .transform((ids) => [...new Set(ids)])
    .default([]),
  sortOrder: sortOrder.default(0),
  available: z.boolean().default(true),
  modifierGroups: z
    .array(modifierGroupInput)
    .max(MENU_LIMITS.maxModifierGroups, `An item can have at most ${MENU_LIMITS.maxModifierGroups} modifier groups`)
    .default([]),
});
export type SaveItemInput = z.input<typeof saveItemInput>;

/** `admin.menu.setAvailability`: 86 an item (`available: false`) or bring it back. */
export const setAvailabilityInput = z.object({
  menuItemId: objectIdSchema,
  available: z.boolean({ error: "Choose available or not" }),
});
export type SetAvailabilityInput = z.infer<typeof setAvailabilityInput>;

/** `admin.menu.deleteItem`: removes an item from the menu (past orders keep their snapshot). */
export const deleteItemInput = z.object({ menuItemId: objectIdSchema });
export type DeleteItemInput = z.infer<typeof deleteItemInput>;

/** A modifier option as the editor sees it, unavailable ones included. `priceDelta` in paise. */
export interface AdminModifierOptionView {
  id: string;
  name: string;
  priceDelta: number;
  available: boolean;
}

export interface AdminModifierGroupView {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: AdminModifierOptionView[];
}

/** A menu item as the editor sees it: every editable field. `price` in paise. */
export interface AdminMenuItemView {
  id: string;
  categoryId: string;
  name: string;
  description: string;
  price: number;
  /** The item's photo (uploaded separately, `POST /api/admin/menu-items/{id}/photo`), or null. */
  photo: MenuItemPhotoView | null;
  station: string;
  dietaryTags: DietaryTag[];
  allergens: AllergenId[];
  sortOrder: number;
  available: boolean;
  /** Portions left, or null when not counted (`kitchen.setStock`; see @tabletap/core/stock). */
  stock: number | null;
  modifierGroups: AdminModifierGroupView[];
}

export interface AdminMenuCategoryView {
  id: string;
  name: string;
  description: string;
  sortOrder: number;
  items: AdminMenuItemView[];
}

/** A category as `admin.menu.saveCategory` returns it (without its items). */
export type AdminCategoryView = Omit<AdminMenuCategoryView, "items">;

/**
 * What `admin.menu.list` returns: every category (by `sortOrder`, then name) with every item
 * (86'd ones and unavailable options included), and the kitchen stations in use (for the editor's
 * suggestions).
 */
export interface AdminMenuView {
  categories: AdminMenuCategoryView[];
  stations: string[];
}
