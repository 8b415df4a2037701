import { describe, expect, it } from "vitest";
import { analyticsRangeInput, datesInRange, paymentFigures, percentileNearestRank, presetRange } from "./analytics";

describe("analytics rules", () => {
  it("percentileNearestRank: the value of rank ⌈p·n⌉ of a histogram, null when empty", () => {
    // 1..10 once each: rank ⌈0.9 × 10⌉ = 9.
    expect(
      percentileNearestRank(
        Array.from({ length: 10 }, (_, i) => ({ value: i + 1, count: 1 })),
        90,
      ),
    ).toBe(9);
    expect(
      percentileNearestRank(
        [
          { value: 60, count: 1 },
          { value: 1, count: 9 },
        ],
        90,
      ),
    ).toBe(1);
    expect(percentileNearestRank([{ value: 7, count: 1 }], 90)).toBe(7);
    expect(percentileNearestRank([], 90)).toBeNull();
  });

  it("presetRange and datesInRange count calendar days across months and leap days", () => {
    expect(presetRange("today", "2024-03-01")).toEqual({ from: "2024-03-01", to: "2024-03-01" });
    expect(presetRange("last7", "2024-03-01")).toEqual({ from: "2024-02-24", to: "2024-03-01" });
    expect(presetRange("last30", "2026-01-15")).toEqual({ from: "2025-12-17", to: "2026-01-15" });
    expect(datesInRange("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
  });

  it("analyticsRangeInput: from ≤ to, real dates, at most 366 days", () => {
    expect(analyticsRangeInput.safeParse({ from: "2024-01-01", to: "2024-12-31" }).success).toBe(true);
    const message = (from: string, to: string) => analyticsRangeInput.safeParse({ from, to }).error?.issues[0]?.message;
    expect(message("2026-03-02", "2026-03-01")).toBe("The end date can't be before the start date");
    expect(message("2025-01-01", "2026-01-02")).toBe("Choose at most 366 days");
    expect(message("2026-02-29", "2026-03-01")).toBe("The start date must be a date like 2026-01-31");
  });

  it("paymentFigures: paid payments only; tips inside collected, refunds apart, net = collected − refunded", () => {
    expect(
      paymentFigures([
        { status: "paid", total: 105_000, tip: 5_000, refunded: 0 },
        { status: "paid", total: 52_500, tip: 0, refunded: 10_000 },
        { status: "created", total: 40_000, tip: 2_000, refunded: 0 },
        { status: "pending", total: 40_000, tip: 0, refunded: 0 },
        { status: "failed", total: 40_000, tip: 0, refunded: 0 },
        { status: "cancelled", total: 40_000, tip: 0, refunded: 0 },
      ]),
    ).toEqual({ payments: 2, collected: 157_500, tips: 5_000, refunded: 10_000, net: 147_500 });
    expect(paymentFigures([])).toEqual({ payments: 0, collected: 0, tips: 0, refunded: 0, net: 0 });
  });
});
