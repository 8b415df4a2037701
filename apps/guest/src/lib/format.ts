import { formatMoney } from "@tabletap/core/money";

/** Money in minor units (paise) for display, e.g. 28000 → "₹280.00". */
export function money(minor: number, currency = "INR"): string {
  return formatMoney(minor, currency);
}

/** Basis points as a percentage, e.g. 500 → "5%", 250 → "2.5%". */
export function percent(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}

/** "1 item", "3 items". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

const timeFormat = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit" });

/** An ISO time as the guest's local clock time, e.g. "7:42 pm". */
export function clockTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/**
 * A random idempotency key. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); a phone on a LAN address over http falls back to `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
