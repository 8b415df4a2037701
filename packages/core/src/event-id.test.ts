import { describe, expect, it } from "vitest";
import { compareEventIds, isEventId } from "./event-id";

describe("event ids", () => {
  it("recognises complete stream ids Redis accepts only", () => {
    expect(isEventId("1700000000000-0")).toBe(true);
    expect(isEventId("0-0")).toBe(true);
    expect(isEventId("18446744073709551615-18446744073709551615")).toBe(true);
    const bad = ["", "1700000000000", "abc", "1-2-3", "-1-0", "1-", " 1-0", null, undefined, 5];
    // Each part must fit in an unsigned 64-bit integer.
    bad.push("18446744073709551616-0", "99999999999999999999-0", "0-18446744073709551616");
    for (const value of bad) expect(isEventId(value), String(value)).toBe(false);
  });

  it("compares numerically, not as strings", () => {
    expect(compareEventIds("9-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("10-0", "9-0")).toBeGreaterThan(0);
    expect(compareEventIds("5-9", "5-10")).toBeLessThan(0);
    expect(compareEventIds("5-10", "5-10")).toBe(0);
    expect(compareEventIds("18446744073709551615-1", "18446744073709551615-0")).toBeGreaterThan(0);
    expect(() => compareEventIds("x", "1-0")).toThrow(TypeError);
    expect(() => compareEventIds("1-0", "99999999999999999999-0")).toThrow(TypeError);
  });
});
