"use client";
import type { OrderHistoryItem } from "@tabletap/core";
import { reorderLines } from "@tabletap/core/order-history";
import { resolveModifierChoices } from "@tabletap/core/pricing";
import { useTRPCClient } from "@tabletap/client/guest";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { clampQuantity, lineKey, readCart, writeCart, type CartLine } from "@/lib/cart";
import { errorMessage } from "@/lib/errors";

/** Where "Reorder" stands: idle, reading the table's menu, done with items skipped, or failed. */
export type ReorderState =
  | { step: "idle" }
  | { step: "loading"; orderId: string }
  | { step: "skipped"; orderId: string; tableCode: string; skipped: string[]; added: number }
  | { step: "failed"; orderId: string; message: string };

/**
 * "Reorder" in one tap: reads the table's live menu (`menu.forTable`), adds the order's lines
 * that can still be ordered to that table's cart (merged with what is already in it, each at
 * today's price, `reorderLines` of @tabletap/core), and opens the table's menu with the cart
 * (`/t/{code}#cart`). When lines were skipped (sold out, removed), it stops to say which first.
 */
export function useReorder() {
  const client = useTRPCClient();
  const router = useRouter();
  const [state, setState] = useState<ReorderState>({ step: "idle" });

  async function reorder(order: OrderHistoryItem & { tableCode: string }) {
    setState({ step: "loading", orderId: order.id });
    try {
      const menu = await client.menu.forTable.query({ tableCode: order.tableCode });
      const items = menu.categories.flatMap((category) => category.items);
      const { lines, skipped } = reorderLines(order.lines, items);
      const cart = readCart(order.tableCode);
      const merged = [...cart.lines];
      for (const line of lines) {
        const item = items.find((i) => i.id === line.menuItemId);
        const key = lineKey(line.menuItemId, line.optionIds, line.notes);
        const seenUnitPrice = item ? resolveModifierChoices(item, line.optionIds).unitPrice : undefined;
        const existing = merged.findIndex((l) => l.key === key);
        const next: CartLine = { ...line, key, seenUnitPrice, quantity: clampQuantity(line.quantity) };
        if (existing >= 0) {
          const current = merged[existing]!;
          merged[existing] = { ...current, seenUnitPrice, quantity: clampQuantity(current.quantity + line.quantity) };
        } else merged.push(next);
      }
      writeCart(order.tableCode, { ...cart, lines: merged });
      if (skipped.length > 0)
        setState({ step: "skipped", orderId: order.id, tableCode: order.tableCode, skipped, added: lines.length });
      else router.push(`/t/${order.tableCode}#cart`);
    } catch (error) {
      setState({ step: "failed", orderId: order.id, message: errorMessage(error) });
    }
  }

  return { state, reorder };
}
