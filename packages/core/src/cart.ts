/**
 * The guest's cart checked against the live menu: which lines can still be ordered, what the
 * order would cost, and whether "Place order" may be tapped. The server prices and checks the
 * order again from its own menu (`priceOrder` in `order.place`); this is the same rule, shown
 * before checkout, so a guest whose item was 86'd while it sat in the cart learns it there.
 * All amounts are integers in minor units (paise).
 */
import {
  PricingError,
  priceOrder,
  resolveModifierChoices,
  type CartLine,
  type PricedModifier,
  type PricingErrorCode,
  type PricingMenuItem,
} from "./pricing";
import type { MenuItemView, TableMenuView } from "./views";

/**
 * What the guest sees while the restaurant has paused ordering (`orderingPaused`), and what
 * `order.place` answers (PRECONDITION_FAILED) if they try anyway.
 */
export const ORDERING_PAUSED_MESSAGE = "The kitchen isn't taking orders right now. Please ask our staff.";

/** Why "Place order" is disabled while some lines can't be ordered. */
export const CART_HAS_PROBLEMS_MESSAGE = "Some items in your cart can't be ordered right now. Remove them to order.";

/**
 * A line's flag, by why `priceOrder` refuses it: what changed and what the guest can do. Other
 * refusals (a modifier group's min/max now broken) show `priceOrder`'s own message.
 */
export const CART_LINE_PROBLEMS: Partial<Record<PricingErrorCode, string>> = {
  ITEM_NOT_FOUND: "No longer on the menu — remove it to order",
  ITEM_UNAVAILABLE: "Sold out — remove it to order",
  OPTION_NOT_FOUND: "A choice is no longer available — remove it and add it again",
  OPTION_UNAVAILABLE: "A choice is no longer available — remove it and add it again",
};

/** A line of the guest's cart: ids and quantities, and the unit price the guest saw when adding it. */
export interface HeldCartLine extends CartLine {
  /** Unit price (base + option deltas, minor units) shown when the line was added; absent for older carts. */
  seenUnitPrice?: number;
}

/** A cart line checked against the live menu. */
export type CheckedCartLine<L extends HeldCartLine = HeldCartLine> = L & {
  /** The line's item on the menu, or null when it was deleted. */
  item: MenuItemView | null;
  name: string;
  /** The chosen options still on the menu, in menu order. */
  modifiers: PricedModifier[];
  /** unitPrice × quantity (minor units), or null when the line can't be ordered (`problem`). */
  lineTotal: number | null;
  /** Why the line can't be ordered right now (`CART_LINE_PROBLEMS`), or null. */
  problem: string | null;
  /** The unit price changed since the guest added the line (minor units), or null. Informational: the line can be ordered. */
  priceChange: { from: number; to: number } | null;
};

/** The cart on the live menu; totals in minor units over the lines that can be ordered. */
export interface CartCheck<L extends HeldCartLine = HeldCartLine> {
  lines: CheckedCartLine<L>[];
  /** Items in the cart (Σ quantity over every line). */
  count: number;
  subtotal: number;
  serviceCharge: number;
  tax: number;
  total: number;
  /** True when some line can't be ordered. */
  hasProblems: boolean;
  /** Why the cart can't be ordered right now (paused ordering first, then problem lines), or null when it can. */
  blockedReason: string | null;
}

/** The table's menu as `priceOrder` takes it, keyed by item id (the guest's view has no kitchen station; pricing never reads it). */
function pricingMenu(menu: TableMenuView): Map<string, PricingMenuItem & MenuItemView> {
  return new Map(menu.categories.flatMap((c) => c.items.map((item) => [item.id, { ...item, station: "" }] as const)));
}

/**
 * Checks the cart against the table's live menu (`menu.forTable`), with `priceOrder`'s rules
 * (same formula, same item, option, modifier min/max and quantity checks):
 * - a line `priceOrder` refuses — its item deleted (ITEM_NOT_FOUND) or 86'd (ITEM_UNAVAILABLE),
 *   a chosen option removed or sold out (OPTION_NOT_FOUND: the guest menu leaves sold-out
 *   options out), a group's min/max broken — carries its flag in `problem` and is left out of
 *   the totals; the cart can't be ordered until it is removed;
 * - a line whose unit price differs from `seenUnitPrice` carries `priceChange` and is priced at
 *   the new price;
 * - while the restaurant has paused ordering nothing can be ordered (`ORDERING_PAUSED_MESSAGE`).
 * Never throws for a stale cart (only for a menu with invalid prices, as `priceOrder`).
 */
export function checkCart<L extends HeldCartLine>(lines: readonly L[], menu: TableMenuView): CartCheck<L> {
  const items = pricingMenu(menu);
  const rates = { menu: items, taxBps: menu.restaurant.taxBps, serviceChargeBps: menu.restaurant.serviceChargeBps };
  const checked = lines.map((line): CheckedCartLine<L> => {
    const item = items.get(line.menuItemId) ?? null;
    const name = item?.name ?? "Item no longer on the menu";
    const modifiers = item ? resolveModifierChoices(item, line.optionIds ?? []).modifiers : [];
    try {
      const [priced] = priceOrder({ ...rates, lines: [line] }).lines;
      const unitPrice = priced?.unitPrice ?? 0;
      const priceChange =
        line.seenUnitPrice !== undefined && line.seenUnitPrice !== unitPrice
          ? { from: line.seenUnitPrice, to: unitPrice }
          : null;
      return { ...line, item, name, modifiers, lineTotal: priced?.lineTotal ?? 0, problem: null, priceChange };
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
      const problem = CART_LINE_PROBLEMS[error.code] ?? error.message;
      return { ...line, item, name, modifiers, lineTotal: null, problem, priceChange: null };
    }
  });
  const totals = priceOrder({ ...rates, lines: checked.filter((l) => !l.problem) });
  const hasProblems = checked.some((l) => l.problem);
  return {
    lines: checked,
    count: checked.reduce((sum, l) => sum + l.quantity, 0),
    subtotal: totals.subtotal,
    serviceCharge: totals.serviceCharge,
    tax: totals.tax,
    total: totals.total,
    hasProblems,
    blockedReason: menu.restaurant.orderingPaused
      ? ORDERING_PAUSED_MESSAGE
      : hasProblems
        ? CART_HAS_PROBLEMS_MESSAGE
        : null,
  };
}
