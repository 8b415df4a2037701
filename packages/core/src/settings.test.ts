import { describe, expect, it } from "vitest";
import { bpsToPercent, percentToBps, saveSettingsInput } from "./settings";

describe("percentToBps / bpsToPercent", () => {
  it("converts typed percentages exactly, up to 2 decimals and 100 %", () => {
    expect(percentToBps("5")).toBe(500);
    expect(percentToBps(" 5.25 ")).toBe(525);
    expect(percentToBps("12.5")).toBe(1250);
    expect(percentToBps("0.01")).toBe(1);
    expect(percentToBps("100")).toBe(10_000);
    // 0.29 * 100 is 28.999999999999996 in floating point; the digits give 29.
    expect(percentToBps("0.29")).toBe(29);
    for (const bad of ["", "-1", "100.01", "150", "5.255", "abc", "5,5", "1e2"]) expect(percentToBps(bad)).toBeNull();
  });

  it("shows basis points as the percentage a manager types, and round-trips", () => {
    expect(bpsToPercent(525)).toBe("5.25");
    expect(bpsToPercent(1250)).toBe("12.5");
    expect(bpsToPercent(500)).toBe("5");
    expect(bpsToPercent(1)).toBe("0.01");
    for (const bps of [0, 1, 29, 500, 1805, 9999, 10_000]) expect(percentToBps(bpsToPercent(bps))).toBe(bps);
  });
});

describe("saveSettingsInput", () => {
  it("accepts real currencies and time zones (UTC too), and refuses made-up ones", () => {
    expect(saveSettingsInput.safeParse({ currency: "INR", timeZone: "Asia/Kolkata" }).success).toBe(true);
    expect(saveSettingsInput.safeParse({ timeZone: "UTC" }).success).toBe(true);
    expect(saveSettingsInput.safeParse({ currency: "XYZ" }).success).toBe(false);
    expect(saveSettingsInput.safeParse({ timeZone: "Asia/Calcutta" }).success).toBe(true);
    for (const zone of ["Mars/Olympus", "asia/kolkata", "+05:30", ""])
      expect(saveSettingsInput.safeParse({ timeZone: zone }).success, zone).toBe(false);
  });

  it("allows overnight hours, refuses equal times and two entries for one day", () => {
    expect(saveSettingsInput.safeParse({ openingHours: [{ day: 5, opens: "18:00", closes: "02:00" }] }).success).toBe(
      true,
    );
    expect(saveSettingsInput.safeParse({ openingHours: [{ day: 5, opens: "18:00", closes: "18:00" }] }).success).toBe(
      false,
    );
    expect(saveSettingsInput.safeParse({ openingHours: [{ day: 1, opens: "24:00", closes: "02:00" }] }).success).toBe(
      false,
    );
    const twice = [
      { day: 1, opens: "09:00", closes: "12:00" },
      { day: 1, opens: "18:00", closes: "22:00" },
    ];
    expect(saveSettingsInput.safeParse({ openingHours: twice }).success).toBe(false);
  });
});
