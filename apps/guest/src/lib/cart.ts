import type { MenuItemView, TableMenuView } from "@tabletap/core";
import {
  MAX_LINE_QUANTITY,
  MIN_LINE_QUANTITY,
  PricingError,
  priceOrder,
  resolveModifierChoices,
  type PricedModifier,
  type PricingErrorCode,
  type PricingMenuItem,
} from "@tabletap/core/pricing";

/** One line of the cart: ids only; names and prices come from the live menu. */
export interface CartLine {
  /** Same item + same options + same notes → same key (the lines merge). */
  key: string;
  menuItemId: string;
  quantity: number;
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
}

export const EMPTY_CART: CartState = { lines: [], checkoutKey: null };
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
        quantity: clampQuantity(l.quantity),
        key: lineKey(l.menuItemId, l.optionIds, l.notes),
      })),
      checkoutKey: typeof parsed.checkoutKey === "string" ? parsed.checkoutKey : null,
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

/** A cart line joined with the live menu and priced by `priceOrder`, for display. */
export interface PricedCartLine extends CartLine {
  item: MenuItemView | null;
  name: string;
  /** The options still on the menu, in menu order. */
  modifiers: PricedModifier[];
  /** unitPrice × quantity in paise, or null when the line can't be ordered (`problem`). */
  lineTotal: number | null;
  /** Why the line can't be ordered right now, or null. */
  problem: string | null;
}

/** The estimated bill; amounts in paise, over the lines that can be ordered. */
export interface CartEstimate {
  lines: PricedCartLine[];
  count: number;
  subtotal: number;
  serviceCharge: number;
  tax: number;
  total: number;
  hasProblems: boolean;
}

/** What the guest can do about a line `priceOrder` refuses; other refusals show core's message. */
const PROBLEM_ADVICE: Partial<Record<PricingErrorCode, string>> = {
  ITEM_NOT_FOUND: "This item is no longer on the menu. Remove it to continue.",
  ITEM_UNAVAILABLE: "Sold out. Remove it to place your order.",
  OPTION_NOT_FOUND: "One of your choices is no longer available. Remove this and add it again.",
  OPTION_UNAVAILABLE: "One of your choices is no longer available. Remove this and add it again.",
};

/** The table's menu as `priceOrder` takes it, keyed by item id. */
function pricingMenu(menu: TableMenuView): Map<string, PricingMenuItem & MenuItemView> {
  // The guest's view of an item has no kitchen station; the estimate never reads it.
  return new Map(menu.categories.flatMap((c) => c.items.map((item) => [item.id, { ...item, station: "" }] as const)));
}

/**
 * The cart priced exactly as the server will price the order: `priceOrder` from
 * `@tabletap/core/pricing` (same formula, same item, option, modifier min/max and quantity
 * checks) on the table's current menu. A line `priceOrder` refuses carries the reason in
 * `problem` and is left out of the totals; the guest must remove it before ordering
 * (`hasProblems`). Only an estimate: the server prices the order again from its own menu.
 */
export function estimateCart(lines: readonly CartLine[], menu: TableMenuView): CartEstimate {
  const items = pricingMenu(menu);
  const rates = { menu: items, taxBps: menu.restaurant.taxBps, serviceChargeBps: menu.restaurant.serviceChargeBps };
  const priced = lines.map((line): PricedCartLine => {
    const item = items.get(line.menuItemId) ?? null;
    const name = item?.name ?? "Item no longer on the menu";
    const modifiers = item ? resolveModifierChoices(item, line.optionIds).modifiers : [];
    try {
      const [pricedLine] = priceOrder({ ...rates, lines: [line] }).lines;
      return { ...line, item, name, modifiers, lineTotal: pricedLine?.lineTotal ?? 0, problem: null };
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
      return { ...line, item, name, modifiers, lineTotal: null, problem: PROBLEM_ADVICE[error.code] ?? error.message };
    }
  });
  const totals = priceOrder({ ...rates, lines: priced.filter((l) => !l.problem) });
  return {
    lines: priced,
    count: priced.reduce((sum, l) => sum + l.quantity, 0),
    subtotal: totals.subtotal,
    serviceCharge: totals.serviceCharge,
    tax: totals.tax,
    total: totals.total,
    hasProblems: priced.some((l) => l.problem),
  };
}
