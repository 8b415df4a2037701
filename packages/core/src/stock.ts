/**
 * Stock counts and 86'ing (kitchen slang: take an item off the menu for now), browser-safe: the
 * rules the API applies (`kitchen.setAvailability`, `kitchen.setStock`, `order.place`) and the
 * kitchen display and admin editor show.
 *
 * A menu item's `stock` is a count of portions left, or null when the restaurant does not count
 * it (most items: a kitchen counts only what it can run out of during service, like a batch of
 * biryani). Each placed order takes its quantity from a counted item, all or nothing, never
 * below zero; the order that takes the last portion 86's the item (`available: false`).
 */
import { z } from "zod";
import { objectIdSchema } from "./schemas";

export const STOCK_POLICY = {
  /**
   * At or under this many portions a counted item is "low" and the kitchen display warns. Five
   * is about one table's round of one dish (a table of four, one extra), so a warning comes
   * while there is still time to prep a new batch or tell the floor before the next table orders.
   */
  lowStockAt: 5,
  /**
   * The largest count a manager can set: far more portions than a kitchen makes of one dish in a
   * day, and small enough that a typo of extra zeros is refused instead of silently stored.
   */
  maxCount: 9_999,
} as const;

/** How a menu item's count stands: not counted, plenty, low (≤ `STOCK_POLICY.lowStockAt`), or none left. */
export type StockState = "untracked" | "ok" | "low" | "out";

/** The state of a count (null: not counted). 0 is "out"; 1…`lowStockAt` is "low". */
export function stockState(stock: number | null): StockState {
  if (stock === null) return "untracked";
  if (stock <= 0) return "out";
  return stock <= STOCK_POLICY.lowStockAt ? "low" : "ok";
}

/** Whether `quantity` portions can be taken from `stock` (always, when not counted). */
export function canTake(stock: number | null, quantity: number): boolean {
  return stock === null || stock >= quantity;
}

/**
 * The count after taking `quantity` portions, or null when they can't be taken (the order is
 * refused, the count is unchanged). An uncounted item stays uncounted (null stock → null).
 * This is the rule the database applies atomically in `order.place` (`$inc` guarded by `stock ≥ quantity`).
 */
export function take(stock: number | null, quantity: number): { stock: number | null } | null {
  if (!canTake(stock, quantity)) return null;
  return { stock: stock === null ? null : stock - quantity };
}

/** The guest-facing refusal of an order that asked for more than is left: "Paneer Tikka just sold out". */
export function soldOutMessage(itemName: string): string {
  return `${itemName} just sold out`;
}

/**
 * `kitchen.setAvailability` (named apart from `admin.menu.setAvailability`'s input): 86 (`available: false`) or bring back an item of the staff member's
 * restaurant, or only one of its modifier options (`optionId`).
 */
export const kitchenAvailabilityInput = z.object({
  menuItemId: objectIdSchema,
  optionId: objectIdSchema.optional(),
  available: z.boolean({ error: "Say whether the item is available" }),
});
export type KitchenAvailabilityInput = z.infer<typeof kitchenAvailabilityInput>;

const COUNT_MESSAGE = `Stock must be a whole number from 0 to ${STOCK_POLICY.maxCount}`;

/** `kitchen.setStock`: a count of portions left (0 86's the item), or null to stop counting it. */
export const setStockInput = z.object({
  menuItemId: objectIdSchema,
  count: z
    .number({ error: COUNT_MESSAGE })
    .int(COUNT_MESSAGE)
    .min(0, COUNT_MESSAGE)
    .max(STOCK_POLICY.maxCount, COUNT_MESSAGE)
    .nullable(),
});
export type SetStockInput = z.infer<typeof setStockInput>;

/** An item as the kitchen's 86 and stock controls show it (`kitchen.stock`). */
export interface StockItemView {
  id: string;
  name: string;
  available: boolean;
  /** Portions left, or null when not counted. */
  stock: number | null;
  /** The item's modifier options that are 86'd, by group. */
  unavailableOptions: { id: string; groupName: string; name: string }[];
}
