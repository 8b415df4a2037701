"use client";
import type { MenuItemView, OrderModifierView, TableMenuView } from "@tabletap/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { percentOfBps } from "@tabletap/core/money";
import { newIdempotencyKey } from "./format";

/** One line of the cart: ids only; names and prices come from the live menu. */
export interface CartLine {
  /** Same item + same options + same notes → same key (the lines merge). */
  key: string;
  menuItemId: string;
  quantity: number;
  optionIds: string[];
  notes: string;
}

interface CartState {
  lines: CartLine[];
  /**
   * The idempotency key of the current checkout attempt: created on the first "Place order" tap
   * and kept (also across reloads) until an order is placed, so a double tap or a retry after a
   * network error can never create a second order.
   */
  checkoutKey: string | null;
}

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 50;
export const MAX_NOTES = 200;

const EMPTY: CartState = { lines: [], checkoutKey: null };
const storageKey = (tableCode: string) => `tabletap:cart:${tableCode}`;

export function lineKey(menuItemId: string, optionIds: readonly string[], notes: string): string {
  return [menuItemId, [...optionIds].sort().join(","), notes.trim()].join("|");
}

function clampQuantity(quantity: number): number {
  return Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, Math.round(quantity)));
}

function readCart(tableCode: string): CartState {
  try {
    const raw = window.localStorage.getItem(storageKey(tableCode));
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<CartState>;
    const lines = Array.isArray(parsed.lines)
      ? parsed.lines.filter(
          (l): l is CartLine =>
            !!l && typeof l.menuItemId === "string" && typeof l.quantity === "number" && Array.isArray(l.optionIds) && typeof l.notes === "string",
        )
      : [];
    return {
      lines: lines.map((l) => ({ ...l, quantity: clampQuantity(l.quantity), key: lineKey(l.menuItemId, l.optionIds, l.notes) })),
      checkoutKey: typeof parsed.checkoutKey === "string" ? parsed.checkoutKey : null,
    };
  } catch {
    return EMPTY;
  }
}

function writeCart(tableCode: string, state: CartState): void {
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

/** The cart of one table, kept in localStorage (per table code) and shared between tabs. */
export function useCart(tableCode: string) {
  const [state, setState] = useState<CartState>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    setState(readCart(tableCode));
    setLoaded(true);
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey(tableCode)) setState(readCart(tableCode));
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
        ? prev.lines.map((l) => (l.key === key ? { ...l, quantity: clampQuantity(l.quantity + line.quantity) } : l))
        : [...prev.lines, { ...line, notes: line.notes.trim(), key, quantity: clampQuantity(line.quantity) }];
      return { ...prev, lines };
    });
  }, []);

  const setQuantity = useCallback((key: string, quantity: number) => {
    setState((prev) => ({ ...prev, lines: prev.lines.map((l) => (l.key === key ? { ...l, quantity: clampQuantity(quantity) } : l)) }));
  }, []);

  const remove = useCallback((key: string) => {
    setState((prev) => ({ ...prev, lines: prev.lines.filter((l) => l.key !== key) }));
  }, []);

  const clear = useCallback(() => setState(EMPTY), []);

  /** The current checkout attempt's idempotency key, created on first use. */
  const checkoutKey = useCallback((): string => {
    const current = stateRef.current.checkoutKey;
    if (current) return current;
    const key = newIdempotencyKey();
    stateRef.current = { ...stateRef.current, checkoutKey: key };
    setState((prev) => (prev.checkoutKey ? prev : { ...prev, checkoutKey: key }));
    return key;
  }, []);

  return { lines: state.lines, loaded, add, setQuantity, remove, clear, checkoutKey };
}

export type Cart = ReturnType<typeof useCart>;

/** A cart line joined with the live menu, for display and the estimate. */
export interface PricedCartLine extends CartLine {
  item: MenuItemView | null;
  name: string;
  unitPrice: number;
  lineTotal: number;
  modifiers: OrderModifierView[];
  /** Why the line can't be ordered right now, or null. */
  problem: string | null;
}

export function indexMenu(menu: TableMenuView): Map<string, MenuItemView> {
  return new Map(menu.categories.flatMap((c) => c.items.map((item) => [item.id, item] as const)));
}

export function priceCartLine(line: CartLine, items: ReadonlyMap<string, MenuItemView>): PricedCartLine {
  const item = items.get(line.menuItemId) ?? null;
  if (!item) return { ...line, item, name: "Item no longer on the menu", unitPrice: 0, lineTotal: 0, modifiers: [], problem: "This item is no longer on the menu. Remove it to continue." };
  const modifiers: OrderModifierView[] = [];
  let missingOption = false;
  for (const group of item.modifierGroups) {
    for (const option of group.options) {
      if (line.optionIds.includes(option.id)) modifiers.push({ groupName: group.name, name: option.name, priceDelta: option.priceDelta });
    }
  }
  if (modifiers.length !== line.optionIds.length) missingOption = true;
  const unitPrice = item.price + modifiers.reduce((sum, m) => sum + m.priceDelta, 0);
  const problem = !item.available
    ? "Sold out. Remove it to place your order."
    : missingOption
      ? "One of your choices is no longer available. Remove this and add it again."
      : null;
  return { ...line, item, name: item.name, unitPrice, lineTotal: unitPrice * line.quantity, modifiers, problem };
}

export interface CartEstimate {
  lines: PricedCartLine[];
  count: number;
  subtotal: number;
  serviceCharge: number;
  tax: number;
  total: number;
  hasProblems: boolean;
}

/**
 * The cart priced the way the server prices an order (service charge on the subtotal, GST on
 * subtotal + service charge, both rounded half up). Only an estimate: the server's price is final.
 */
export function estimateCart(lines: readonly CartLine[], menu: TableMenuView): CartEstimate {
  const items = indexMenu(menu);
  const priced = lines.map((line) => priceCartLine(line, items));
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const serviceCharge = percentOfBps(subtotal, menu.restaurant.serviceChargeBps);
  const tax = percentOfBps(subtotal + serviceCharge, menu.restaurant.taxBps);
  return {
    lines: priced,
    count: priced.reduce((sum, l) => sum + l.quantity, 0),
    subtotal,
    serviceCharge,
    tax,
    total: subtotal + serviceCharge + tax,
    hasProblems: priced.some((l) => l.problem),
  };
}

export function useCartEstimate(lines: readonly CartLine[], menu: TableMenuView): CartEstimate {
  return useMemo(() => estimateCart(lines, menu), [lines, menu]);
}
