import { z } from "zod";
import type { OrderStatus } from "./order-status";
import { resolveModifierChoices } from "./pricing";
import type { MenuItemView } from "./views";

/**
 * A signed-in guest's order history (`order.mine`): every order of theirs, at any restaurant,
 * newest first, a page at a time.
 */
export const ORDER_HISTORY_POLICY = {
  /** Orders per page: a phone screen or two of cards, one small query on `{ customerId, createdAt }`. */
  pageSize: 20,
  /** Lines named in an order's summary ("Paneer Tikka ×2, Butter Naan ×4 and 3 more"). */
  summaryLines: 3,
} as const;

/** A position in the history: the last order shown (its placing time and id, so equal times never skip an order). */
export interface OrderHistoryPosition {
  placedAt: Date;
  id: string;
}

const CURSOR_PATTERN = /^([0-9a-z]{1,11})_([0-9a-f]{24})$/;

/**
 * The opaque `nextCursor` for the page after `position`: "{placedAt ms, base 36}_{order id}".
 * Clients pass it back unchanged; only `decodeOrderHistoryCursor` reads it.
 */
export function encodeOrderHistoryCursor(position: OrderHistoryPosition): string {
  return `${position.placedAt.getTime().toString(36)}_${position.id}`;
}

/** The position a cursor of `encodeOrderHistoryCursor` names, or null for anything else. */
export function decodeOrderHistoryCursor(cursor: string): OrderHistoryPosition | null {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) return null;
  const placedAt = new Date(parseInt(match[1]!, 36));
  return Number.isNaN(placedAt.getTime()) ? null : { placedAt, id: match[2]! };
}

/** `order.mine` input: no cursor for the newest page, else the previous page's `nextCursor`. */
export const myOrdersInput = z
  .object({
    cursor: z
      .string({ error: "The page position must be text." })
      .refine(
        (cursor) => decodeOrderHistoryCursor(cursor) !== null,
        "This page position isn't valid. Reload your orders to start again.",
      )
      .optional(),
  })
  .default({});
export type MyOrdersInput = z.infer<typeof myOrdersInput>;

/** One order in the guest's history. Amounts in minor units (paise); times ISO-8601 UTC. */
export interface OrderHistoryItem {
  id: string;
  /** "#042": the restaurant's number of the day. */
  number: string;
  restaurantName: string;
  tableLabel: string;
  /**
   * The table's QR code while the table is still in service and its restaurant takes orders,
   * so the guest can order there again ("Reorder"); null otherwise.
   */
  tableCode: string | null;
  status: OrderStatus;
  total: number;
  currency: string;
  placedAt: string;
  /** Every line, for the summary and for "Reorder" (which re-adds the items and options still on the menu). */
  lines: { menuItemId: string; name: string; quantity: number; optionIds: string[]; notes: string | null }[];
}

/** A page of `order.mine`: `nextCursor` is null on the last page. */
export interface OrderHistoryPage {
  orders: OrderHistoryItem[];
  nextCursor: string | null;
}

/** "Paneer Tikka ×2, Butter Naan ×4 and 3 more": an order's lines in one line of text. */
export function summarizeOrderLines(lines: OrderHistoryItem["lines"]): string {
  const named = lines
    .slice(0, ORDER_HISTORY_POLICY.summaryLines)
    .map((line) => (line.quantity > 1 ? `${line.name} ×${line.quantity}` : line.name))
    .join(", ");
  const rest = lines.length - ORDER_HISTORY_POLICY.summaryLines;
  return rest > 0 ? `${named} and ${rest} more` : named;
}

/** A cart line "Reorder" adds: ids, quantity and notes, as the guest's cart keeps them. */
export interface ReorderLine {
  menuItemId: string;
  quantity: number;
  optionIds: string[];
  notes: string;
}

/**
 * "Reorder": the lines of a past order that can be ordered again from `menuItems` (the table's
 * live menu) — the item is on it and available, and every option it had is still offered and
 * still a valid choice — and the names of the lines skipped (sold out, removed, options gone).
 */
export function reorderLines(
  lines: OrderHistoryItem["lines"],
  menuItems: readonly MenuItemView[],
): { lines: ReorderLine[]; skipped: string[] } {
  const byId = new Map(menuItems.map((item) => [item.id, item]));
  const kept: ReorderLine[] = [];
  const skipped: string[] = [];
  for (const line of lines) {
    const item = byId.get(line.menuItemId);
    const choices = item?.available ? resolveModifierChoices(item, line.optionIds) : null;
    if (!choices || choices.problems.length > 0 || choices.modifiers.length !== line.optionIds.length) {
      skipped.push(line.name);
      continue;
    }
    kept.push({
      menuItemId: line.menuItemId,
      quantity: line.quantity,
      optionIds: line.optionIds,
      notes: line.notes ?? "",
    });
  }
  return { lines: kept, skipped };
}
