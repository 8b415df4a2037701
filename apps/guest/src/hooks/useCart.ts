"use client";
import type { TableMenuView } from "@tabletap/core";
import { checkCart } from "@tabletap/core/cart";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  clampQuantity,
  EMPTY_CART,
  isCartStorageKey,
  lineKey,
  readCart,
  writeCart,
  type CartEstimate,
  type CartLine,
  type CartState,
} from "@/lib/cart";
import { newIdempotencyKey } from "@/lib/format";

/** The cart of one table, kept in localStorage (per table code) and shared between tabs. */
export function useCart(tableCode: string) {
  const [state, setState] = useState<CartState>(EMPTY_CART);
  const [loaded, setLoaded] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    setState(readCart(tableCode));
    setLoaded(true);
    const onStorage = (event: StorageEvent) => {
      if (isCartStorageKey(tableCode, event.key)) setState(readCart(tableCode));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [tableCode]);

  useEffect(() => {
    if (loaded) writeCart(tableCode, state);
  }, [loaded, tableCode, state]);

  const add = useCallback((line: Omit<CartLine, "key">) => {
    const key = lineKey(line.menuItemId, line.optionIds, line.notes);
    setState((prev) => {
      const existing = prev.lines.find((l) => l.key === key);
      const lines = existing
        ? prev.lines.map((l) =>
            // The guest just saw the current price: the merged line remembers it.
            l.key === key
              ? { ...l, quantity: clampQuantity(l.quantity + line.quantity), seenUnitPrice: line.seenUnitPrice }
              : l,
          )
        : [...prev.lines, { ...line, notes: line.notes.trim(), key, quantity: clampQuantity(line.quantity) }];
      return { ...prev, lines };
    });
  }, []);

  const setQuantity = useCallback((key: string, quantity: number) => {
    setState((prev) => ({
      ...prev,
      lines: prev.lines.map((l) => (l.key === key ? { ...l, quantity: clampQuantity(quantity) } : l)),
    }));
  }, []);

  /**
   * Changes the cart in ways the other calls don't: the order's note and allergies, a line's note
   * (`withLineNotes`). `change` gets the current cart and returns the next.
   */
  const update = useCallback((change: (prev: CartState) => CartState) => setState(change), []);

  const remove = useCallback((key: string) => {
    setState((prev) => ({ ...prev, lines: prev.lines.filter((l) => l.key !== key) }));
  }, []);

  const clear = useCallback(() => setState(EMPTY_CART), []);

  /** The current checkout attempt's idempotency key, created on first use. */
  const checkoutKey = useCallback((): string => {
    const current = stateRef.current.checkoutKey;
    if (current) return current;
    const key = newIdempotencyKey();
    stateRef.current = { ...stateRef.current, checkoutKey: key };
    setState((prev) => (prev.checkoutKey ? prev : { ...prev, checkoutKey: key }));
    return key;
  }, []);

  return {
    lines: state.lines,
    note: state.note,
    allergies: state.allergies,
    loaded,
    add,
    setQuantity,
    update,
    remove,
    clear,
    checkoutKey,
  };
}

export type Cart = ReturnType<typeof useCart>;

/** The cart checked and priced on the current menu (`checkCart`), recomputed when either changes (a live menu change included). */
export function useCartEstimate(lines: readonly CartLine[], menu: TableMenuView): CartEstimate {
  return useMemo(() => checkCart(lines, menu), [lines, menu]);
}

/** How many of each menu item are in the cart (over all its lines), for the menu's badges. */
export function useCartQuantities(lines: readonly CartLine[]): Map<string, number> {
  return useMemo(() => {
    const map = new Map<string, number>();
    for (const line of lines) map.set(line.menuItemId, (map.get(line.menuItemId) ?? 0) + line.quantity);
    return map;
  }, [lines]);
}
