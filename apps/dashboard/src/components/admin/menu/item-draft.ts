import { moneyInputValue, parseMoneyInput } from "@tabletap/core/money";
import type { AllergenId, DietaryTag } from "@tabletap/core/dietary";
import type { AdminMenuItemView, SaveItemInput } from "@tabletap/core/menu-admin";

/** An option as the editor holds it while typing: the price difference as rupees text. */
export interface OptionDraft {
  /** React key, stable while editing (new options have no `id` yet). */
  key: string;
  id?: string;
  name: string;
  priceDelta: string;
  available: boolean;
}

/** A modifier group as the editor holds it while typing: min/max as text. */
export interface GroupDraft {
  key: string;
  id?: string;
  name: string;
  minSelect: string;
  maxSelect: string;
  options: OptionDraft[];
}

/** An item as the editor holds it while typing: price and sort order as text. */
export interface ItemDraft {
  id?: string;
  categoryId: string;
  name: string;
  description: string;
  price: string;
  station: string;
  dietaryTags: DietaryTag[];
  allergens: AllergenId[];
  sortOrder: string;
  available: boolean;
  modifierGroups: GroupDraft[];
}

let lastKey = 0;
/** A React key for a new row of the editor. */
function newKey(): string {
  lastKey += 1;
  return `new-${lastKey}`;
}

/** A fresh option row. */
export function newOption(): OptionDraft {
  return { key: newKey(), name: "", priceDelta: "0", available: true };
}

/** A fresh modifier group: pick exactly one of its options. */
export function newGroup(): GroupDraft {
  return { key: newKey(), name: "", minSelect: "0", maxSelect: "1", options: [newOption()] };
}

/** The editor's draft of `item`, or of a new item in `categoryId` (price in rupees, as typed). */
export function toDraft(item: AdminMenuItemView | null, categoryId: string, station: string): ItemDraft {
  if (!item) {
    return {
      categoryId,
      name: "",
      description: "",
      price: "",
      station,
      dietaryTags: [],
      allergens: [],
      sortOrder: "0",
      available: true,
      modifierGroups: [],
    };
  }
  return {
    id: item.id,
    categoryId: item.categoryId,
    name: item.name,
    description: item.description,
    price: moneyInputValue(item.price),
    station: item.station,
    dietaryTags: item.dietaryTags,
    allergens: item.allergens,
    sortOrder: String(item.sortOrder),
    available: item.available,
    modifierGroups: item.modifierGroups.map((group) => ({
      key: group.id,
      id: group.id,
      name: group.name,
      minSelect: String(group.minSelect),
      maxSelect: String(group.maxSelect),
      options: group.options.map((option) => ({
        key: option.id,
        id: option.id,
        name: option.name,
        priceDelta: moneyInputValue(option.priceDelta),
        available: option.available,
      })),
    })),
  };
}

/** A number field's text as a number: NaN when empty (so the schema says "Enter …"), else `Number(text)`. */
function numberFromText(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** What the draft asks `admin.menu.saveItem` for (rupees → paise), before validation with `saveItemInput`. */
export function fromDraft(draft: ItemDraft): SaveItemInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    categoryId: draft.categoryId,
    name: draft.name,
    description: draft.description,
    price: parseMoneyInput(draft.price),
    station: draft.station,
    dietaryTags: draft.dietaryTags,
    allergens: draft.allergens,
    sortOrder: numberFromText(draft.sortOrder),
    available: draft.available,
    modifierGroups: draft.modifierGroups.map((group) => ({
      ...(group.id ? { id: group.id } : {}),
      name: group.name,
      minSelect: numberFromText(group.minSelect),
      maxSelect: numberFromText(group.maxSelect),
      options: group.options.map((option) => ({
        ...(option.id ? { id: option.id } : {}),
        name: option.name,
        priceDelta: parseMoneyInput(option.priceDelta),
        available: option.available,
      })),
    })),
  };
}
