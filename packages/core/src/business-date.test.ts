import { describe, expect, it } from "vitest";
import { businessDate, formatTimeOfDay } from "./business-date";

describe("businessDate", () => {
  it("uses the restaurant's local date, not UTC's", () => {
    // 19:00 UTC is 00:30 the next day in India (UTC+5:30)
    expect(businessDate(new Date("2024-03-31T19:00:00Z"), "Asia/Kolkata")).toBe("2024-04-01");
    expect(businessDate(new Date("2024-03-31T18:29:59Z"), "Asia/Kolkata")).toBe("2024-03-31");
    expect(businessDate(new Date("2024-03-31T18:30:00Z"), "Asia/Kolkata")).toBe("2024-04-01");
  });

  it("goes back a day west of UTC", () => {
    expect(businessDate(new Date("2024-01-01T03:00:00Z"), "America/New_York")).toBe("2023-12-31");
  });

  it("handles UTC, zero-pads, and leap days", () => {
    expect(businessDate(new Date("2024-02-29T12:00:00Z"), "UTC")).toBe("2024-02-29");
    expect(businessDate(new Date("2025-01-05T00:00:00Z"), "UTC")).toBe("2025-01-05");
  });

  it("follows daylight saving time", () => {
    // London is UTC+1 in summer: 23:30 UTC on 30 June is 00:30 on 1 July
    expect(businessDate(new Date("2024-06-30T23:30:00Z"), "Europe/London")).toBe("2024-07-01");
    expect(businessDate(new Date("2024-12-31T23:30:00Z"), "Europe/London")).toBe("2024-12-31");
  });

  it("throws RangeError for an invalid date or time zone", () => {
    expect(() => businessDate(new Date("nope"), "Asia/Kolkata")).toThrow(RangeError);
    expect(() => businessDate(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("formatTimeOfDay", () => {
  it("shows the time on the restaurant's clock, whatever the machine's zone", () => {
    const at = Date.parse("2026-11-23T12:32:00Z");
    expect(formatTimeOfDay(at, "Asia/Kolkata")).toBe("6:02 pm");
    expect(formatTimeOfDay(new Date(at), "Europe/London")).toBe("12:32 pm");
    expect(formatTimeOfDay(at, "America/New_York")).toBe("7:32 am");
    expect(() => formatTimeOfDay(at, "Mars/Base")).toThrow(RangeError);
  });
});
