import type { CartCheck, CheckedCartLine, HeldCartLine } from "@tabletap/core/cart";
import { ALLERGEN_IDS, type AllergenId } from "@tabletap/core/dietary";
import { MAX_LINE_QUANTITY, MAX_ORDER_NOTE, MIN_LINE_QUANTITY } from "@tabletap/core/pricing";

/**
 * One line of the cart: ids, and the unit price the guest saw when adding it (`seenUnitPrice`,
 * to flag a price change); names and prices come from the live menu.
 */
export interface CartLine extends HeldCartLine {
  /** Same item + same options + same notes → same key (the lines merge). */
  key: string;
  optionIds: string[];
  notes: string;
}

/** The cart of one table as kept in localStorage. */
export interface CartState {
  lines: CartLine[];
  /**
   * The idempotency key of the current checkout attempt: created on the first "Place order" tap
   * and kept (also across reloads) until an order is placed, so a double tap or a retry after a
   * network error can never create a second order.
   */
  checkoutKey: string | null;
  /** The guest's note for the whole order ("" for none), sent with it. */
  note: string;
  /** The allergies the guest declares for the order, sent with it. */
  allergies: AllergenId[];
}

export const EMPTY_CART: CartState = { lines: [], checkoutKey: null, note: "", allergies: [] };
const storageKey = (tableCode: string) => `tabletap:cart:${tableCode}`;

/** True when a storage event is about this table's cart. */
export function isCartStorageKey(tableCode: string, key: string | null): boolean {
  return key === storageKey(tableCode);
}

export function lineKey(menuItemId: string, optionIds: readonly string[], notes: string): string {
  return [menuItemId, [...optionIds].sort().join(","), notes.trim()].join("|");
}

/** A quantity within the per-line limits of `priceOrder` (1–50), rounded. */
export function clampQuantity(quantity: number): number {
  return Math.min(MAX_LINE_QUANTITY, Math.max(MIN_LINE_QUANTITY, Math.round(quantity)));
}

export function readCart(tableCode: string): CartState {
  try {
    const raw = window.localStorage.getItem(storageKey(tableCode));
    if (!raw) return EMPTY_CART;
    const parsed = JSON.parse(raw) as Partial<CartState>;
    const lines = Array.isArray(parsed.lines)
      ? parsed.lines.filter(
          (l): l is CartLine =>
            !!l &&
            typeof l.menuItemId === "string" &&
            typeof l.quantity === "number" &&
            Array.isArray(l.optionIds) &&
            typeof l.notes === "string",
        )
      : [];
    return {
      lines: lines.map((l) => ({
        ...l,
        seenUnitPrice: Number.isSafeInteger(l.seenUnitPrice) ? l.seenUnitPrice : undefined,
        quantity: clampQuantity(l.quantity),
        key: lineKey(l.menuItemId, l.optionIds, l.notes),
      })),
      checkoutKey: typeof parsed.checkoutKey === "string" ? parsed.checkoutKey : null,
      note: typeof parsed.note === "string" ? parsed.note.slice(0, MAX_ORDER_NOTE) : "",
      allergies: Array.isArray(parsed.allergies) ? ALLERGEN_IDS.filter((id) => parsed.allergies?.includes(id)) : [],
    };
  } catch {
    return EMPTY_CART;
  }
}

export function writeCart(tableCode: string, state: CartState): void {
  try {
    const key = storageKey(tableCode);
    if (state.lines.length === 0 && !state.checkoutKey) {
      window.localStorage.removeItem(key);
      return;
    }
    const value = JSON.stringify(state);
    if (window.localStorage.getItem(key) !== value) window.localStorage.setItem(key, value);
  } catch {
    // Private mode or a full quota: the cart still works for this visit.
  }
}

/** A cart line checked against the live menu (`checkCart` of @tabletap/core): its flag, price change and total. */
export type PricedCartLine = CheckedCartLine<CartLine>;

/**
 * The cart checked and priced exactly as the server will price the order (`checkCart` of
 * @tabletap/core, on `priceOrder`) on the table's current menu: lines, estimated bill, and why it
 * can't be ordered right now. Only an estimate: the server prices the order again from its own menu.
 */
export type CartEstimate = CartCheck<CartLine>;
