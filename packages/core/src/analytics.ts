/**
 * The admin panel's analytics: the input of `admin.analytics.summary` (a range of business days
 * in the restaurant's time zone), the summary it returns, and the pure rules both the server and
 * the dashboard use (the days of a range, the presets, the 90th percentile).
 */
import { z } from "zod";

/** The longest range `admin.analytics.summary` and the CSV export accept, in days (a leap year). */
export const ANALYTICS_MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid "YYYY-MM-DD" calendar date (plain calendar arithmetic, no time zone). */
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The calendar date `days` after (or before, when negative) the "YYYY-MM-DD" `date`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** How many days the inclusive range `from`–`to` ("YYYY-MM-DD") spans: 1 when from = to. */
export function rangeDayCount(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Every "YYYY-MM-DD" date from `from` to `to`, both included, in order (empty when from > to). */
export function datesInRange(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, rangeDayCount(from, to)) }, (_, i) => addDays(from, i));
}

const businessDay = (label: string) =>
  z.iso.date({ error: `${label} must be a date like 2026-01-31` }).describe("YYYY-MM-DD, restaurant time zone");

/**
 * `admin.analytics.summary` and the CSV export: business days `from` to `to` ("YYYY-MM-DD",
 * both included, in the restaurant's time zone: the `businessDate` stored on each order), with
 * from ≤ to and at most `ANALYTICS_MAX_RANGE_DAYS` days.
 */
export const analyticsRangeInput = z
  .object({ from: businessDay("The start date"), to: businessDay("The end date") })
  .check((ctx) => {
    const { from, to } = ctx.value;
    const days = rangeDayCount(from, to);
    if (days < 1)
      ctx.issues.push({
        code: "custom",
        input: to,
        path: ["to"],
        message: "The end date can't be before the start date",
      });
    else if (days > ANALYTICS_MAX_RANGE_DAYS)
      ctx.issues.push({
        code: "custom",
        input: to,
        path: ["to"],
        message: `Choose at most ${ANALYTICS_MAX_RANGE_DAYS} days`,
      });
  });
export type AnalyticsRangeInput = z.infer<typeof analyticsRangeInput>;

/** The quick ranges of the analytics page, each ending today (the restaurant's business date). */
export const ANALYTICS_PRESETS = {
  today: { label: "Today", days: 1 },
  last7: { label: "Last 7 days", days: 7 },
  last30: { label: "Last 30 days", days: 30 },
} as const;
export type AnalyticsPreset = keyof typeof ANALYTICS_PRESETS;

/** The range of a preset ending on `today` ("YYYY-MM-DD"): "last7" on 2026-01-31 → 2026-01-25 to 2026-01-31. */
export function presetRange(preset: AnalyticsPreset, today: string): AnalyticsRangeInput {
  return { from: addDays(today, 1 - ANALYTICS_PRESETS[preset].days), to: today };
}

/**
 * The p-th percentile (0 < p ≤ 100) of a distribution by the nearest-rank method (NIST/Wikipedia
 * "Percentile", nearest-rank: the smallest value with at least p % of the values at or below it,
 * i.e. the value of rank ⌈p/100 × n⌉), from a histogram of `{ value, count }` in any order; null
 * for an empty one. `percentileNearestRank([{value: 1, count: 9}, {value: 60, count: 1}], 90)` → 1.
 */
export function percentileNearestRank(
  histogram: readonly { value: number; count: number }[],
  p: number,
): number | null {
  const sorted = [...histogram].filter((bin) => bin.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, bin) => sum + bin.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (const bin of sorted) {
    seen += bin.count;
    if (seen >= rank) return bin.value;
  }
  return sorted.at(-1)?.value ?? null;
}

/** Money of a set of orders, every amount in paise; total = subtotal + serviceCharge + tax + tip. */
export interface RevenueFigures {
  subtotal: number;
  serviceCharge: number;
  tax: number;
  tip: number;
  total: number;
  /** How many orders these are. */
  orders: number;
}

/** One menu item's sales in the range: `revenue` = Σ line totals (paise, modifiers included, before tax). */
export interface ItemSales {
  menuItemId: string;
  name: string;
  quantity: number;
  revenue: number;
}

/**
 * `admin.analytics.summary`: the range's figures. "Orders" are the revenue orders: every order
 * not cancelled or rejected (also those still in progress); cancelled and rejected orders are
 * counted only in `exits`. Amounts in paise, durations in seconds, hours 0–23 and dates in the
 * restaurant's time zone (`timeZone`, IANA).
 */
export interface AnalyticsSummary {
  from: string;
  to: string;
  timeZone: string;
  currency: string;
  /** Every business day of the range in order, zeros included. */
  days: ({ date: string } & RevenueFigures)[];
  /** The range's sums (of `days`). */
  totals: RevenueFigures;
  /** Net sales per order: totals.subtotal ÷ totals.orders, rounded to whole paise; 0 without orders. */
  averageOrderValue: number;
  /** The 10 best sellers by quantity (ties by name), and by revenue. */
  topItems: { byQuantity: ItemSales[]; byRevenue: ItemSales[] };
  /**
   * Kitchen time from accepted to ready (status history), whole seconds, of the orders that
   * reached ready: their number, mean (rounded) and 90th percentile (nearest rank); null without any.
   */
  prepTime: { orders: number; averageSeconds: number | null; p90Seconds: number | null };
  /** Orders placed in each hour of the day, index 0–23 = local hour (24 entries). */
  ordersByHour: number[];
  /** Cancelled and rejected orders by reason (null: none given), most frequent first. */
  exits: { status: "cancelled" | "rejected"; reason: string | null; count: number }[];
  /** What the bill's payments of the range collected, the tips among it and the refunds (`paymentFigures`). */
  payments: PaymentFigures;
}

/**
 * Money taken at the tables in a range (the bill's payments, `Payment` documents, of the range's
 * business dates), in paise. Tips are untaxed and the restaurant's staff's, so they are shown
 * apart; refunds are shown apart from what was collected, and `net` is what the restaurant kept.
 */
export interface PaymentFigures {
  /** How many payments were paid. */
  payments: number;
  /** Σ totals of the paid payments: the bill shares with their tips. */
  collected: number;
  /** Σ tips of the paid payments (part of `collected`). */
  tips: number;
  /** Σ refunded of those payments: refunds pending or processed at Razorpay, or made at the counter (failed ones not). */
  refunded: number;
  /** collected − refunded. */
  net: number;
}

/**
 * The `PaymentFigures` of a range's payments: only `paid` ones count (a payment in checkout, at
 * the counter waiting for staff, failed or cancelled took no money); a refunded payment stays
 * paid and its `refunded` (Σ refunds that did not fail) is subtracted in `net`.
 */
export function paymentFigures(
  payments: readonly { status: string; total: number; tip: number; refunded: number }[],
): PaymentFigures {
  const paid = payments.filter((payment) => payment.status === "paid");
  const collected = paid.reduce((sum, payment) => sum + payment.total, 0);
  const refunded = paid.reduce((sum, payment) => sum + payment.refunded, 0);
  return {
    payments: paid.length,
    collected,
    tips: paid.reduce((sum, payment) => sum + payment.tip, 0),
    refunded,
    net: collected - refunded,
  };
}

/** How many items `topItems` lists in each ranking. */
export const ANALYTICS_TOP_ITEMS = 10;
