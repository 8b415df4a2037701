import { describe, expect, it } from "vitest";
import { compareEventIds, isEventId } from "./event-id";
import { channels } from "./channels";

describe("event ids", () => {
  it("recognises complete stream ids only", () => {
    expect(isEventId("1700000000000-0")).toBe(true);
    expect(isEventId("0-0")).toBe(true);
    for (const bad of ["", "1700000000000", "abc", "1-2-3", "-1-0", "1-", " 1-0", null, undefined, 5]) {
      expect(isEventId(bad)).toBe(false);
    }
  });

  it("compares numerically, not as strings", () => {
    expect(compareEventIds("9-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("10-0", "9-0")).toBeGreaterThan(0);
    expect(compareEventIds("5-9", "5-10")).toBeLessThan(0);
    expect(compareEventIds("5-10", "5-10")).toBe(0);
    expect(compareEventIds("18446744073709551615-1", "18446744073709551615-0")).toBeGreaterThan(0);
    expect(() => compareEventIds("x", "1-0")).toThrow(TypeError);
  });
});

describe("channels", () => {
  it("names kitchen and order channels", () => {
    expect(channels.kitchen("r1")).toBe("kitchen:r1");
    expect(channels.order("o1")).toBe("order:o1");
  });
});
