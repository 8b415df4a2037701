"use client";

/** Orders this browser placed, so the table page can link to them and the order page back to the table. */
export interface RecentOrder {
  id: string;
  number: string;
  tableCode: string;
  tableLabel: string;
  placedAt: string;
}

const KEY = "tabletap:orders";
const KEEP = 20;
/** Orders older than this are no longer offered on the table page. */
const RECENT_MS = 12 * 60 * 60 * 1000;

function readRecentOrders(): RecentOrder[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed)
      ? (parsed as RecentOrder[]).filter((o) => o && typeof o.id === "string" && typeof o.tableCode === "string")
      : [];
  } catch {
    return [];
  }
}

export function rememberOrder(order: RecentOrder): void {
  try {
    const rest = readRecentOrders().filter((o) => o.id !== order.id);
    window.localStorage.setItem(KEY, JSON.stringify([order, ...rest].slice(0, KEEP)));
  } catch {
    // Storage unavailable: the order page still works, only the shortcuts are lost.
  }
}

export function recentOrdersAt(tableCode: string, now = Date.now()): RecentOrder[] {
  return readRecentOrders().filter((o) => o.tableCode === tableCode && now - Date.parse(o.placedAt) < RECENT_MS);
}

export function findRecentOrder(orderId: string): RecentOrder | undefined {
  return readRecentOrders().find((o) => o.id === orderId);
}
