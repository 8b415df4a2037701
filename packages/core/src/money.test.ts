import { describe, expect, it } from "vitest";
import { formatMoney, moneyInputValue, parseMoneyInput, percentOfBps } from "./money";

describe("percentOfBps", () => {
  it("computes basis points of an amount", () => {
    expect(percentOfBps(10_000, 500)).toBe(500); // 5 % of ₹100
    expect(percentOfBps(125_000, 1_000)).toBe(12_500);
    expect(percentOfBps(10_000, 10_000)).toBe(10_000);
    expect(percentOfBps(10_000, 25_000)).toBe(25_000); // more than 100 % is allowed
  });

  it("rounds half up", () => {
    expect(percentOfBps(250, 500)).toBe(13); // 12.5 → 13
    expect(percentOfBps(249, 500)).toBe(12); // 12.45 → 12
    expect(percentOfBps(251, 500)).toBe(13); // 12.55 → 13
    expect(percentOfBps(1, 5_000)).toBe(1); // 0.5 → 1
    expect(percentOfBps(1, 4_999)).toBe(0); // 0.4999 → 0
    expect(percentOfBps(3, 5_000)).toBe(2); // 1.5 → 2 (not banker's rounding)
  });

  it("is zero for a zero amount or rate", () => {
    expect(percentOfBps(0, 500)).toBe(0);
    expect(percentOfBps(12_345, 0)).toBe(0);
  });

  it("is exact for large amounts", () => {
    expect(percentOfBps(900_719_925_474, 5_000)).toBe(450_359_962_737);
    expect(percentOfBps(900_719_925_475, 5_000)).toBe(450_359_962_738); // .5 rounds up
  });

  it.each([
    [-1, 500],
    [100, -1],
    [1.5, 500],
    [100, 2.5],
    [Number.NaN, 500],
    [100, Number.POSITIVE_INFINITY],
  ])("throws RangeError for percentOfBps(%s, %s)", (amount, bps) => {
    expect(() => percentOfBps(amount, bps)).toThrow(RangeError);
  });

  it("throws RangeError when the product can't be computed exactly", () => {
    expect(() => percentOfBps(Number.MAX_SAFE_INTEGER, 500)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("formats paise as rupees with Indian grouping", () => {
    expect(formatMoney(125_000)).toBe("₹1,250.00");
    expect(formatMoney(0)).toBe("₹0.00");
    expect(formatMoney(5)).toBe("₹0.05");
    expect(formatMoney(10_000_000)).toBe("₹1,00,000.00");
  });

  it("formats negative amounts (refunds)", () => {
    expect(formatMoney(-12_550)).toBe("-₹125.50");
  });

  it("respects the currency's minor digits", () => {
    expect(formatMoney(500, "JPY", "en-US")).toBe("¥500");
    expect(formatMoney(1_234, "USD", "en-US")).toBe("$12.34");
    expect(formatMoney(1_234, "KWD", "en-US")).toMatch(/^KWD\s1\.234$/); // ICU puts a no-break space here
  });

  it("throws RangeError for non-integer amounts or unknown currencies", () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(100, "NOT-A-CURRENCY")).toThrow(RangeError);
  });
});

describe("parseMoneyInput", () => {
  it("reads rupees as typed into exact paise", () => {
    expect(parseMoneyInput("125")).toBe(12_500);
    expect(parseMoneyInput("125.5")).toBe(12_550);
    expect(parseMoneyInput("0.29")).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseMoneyInput(" ₹1,250.05 ")).toBe(125_005);
    expect(parseMoneyInput(".5")).toBe(50);
    expect(parseMoneyInput("5.")).toBe(500);
  });

  it("keeps what the schemas refuse visible: negatives, fractions of a paisa, not a number", () => {
    expect(parseMoneyInput("-10")).toBe(-1_000);
    expect(parseMoneyInput("1.005")).toBe(100.5);
    expect(parseMoneyInput("")).toBeNaN();
    expect(parseMoneyInput("12abc")).toBeNaN();
    expect(parseMoneyInput(".")).toBeNaN();
  });

  it("follows the currency's minor digits", () => {
    expect(parseMoneyInput("500", 0)).toBe(500);
    expect(parseMoneyInput("1.234", 3)).toBe(1_234);
  });
});

describe("moneyInputValue", () => {
  it("shows paise as rupees to edit, and round-trips with parseMoneyInput", () => {
    expect(moneyInputValue(12_550)).toBe("125.50");
    expect(moneyInputValue(12_500)).toBe("125");
    expect(moneyInputValue(5)).toBe("0.05");
    expect(moneyInputValue(0)).toBe("0");
    for (const minor of [0, 1, 29, 99, 100, 12_345, 10_000_000])
      expect(parseMoneyInput(moneyInputValue(minor))).toBe(minor);
  });

  it("refuses amounts that are not whole minor units", () => {
    expect(() => moneyInputValue(1.5)).toThrow(RangeError);
  });
});
