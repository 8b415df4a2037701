import { isOtpFormat } from "@tabletap/core/otp";
import { describe, expect, it } from "vitest";
import { generateOtp } from "./otp-code";

describe("generateOtp", () => {
  it("makes 6-digit codes", () => {
    for (let i = 0; i < 2_000; i++) {
      const code = generateOtp();
      expect(code).toMatch(/^\d{6}$/);
      expect(isOtpFormat(code)).toBe(true);
    }
  });

  it("varies and zero-pads (codes below 100000 occur)", () => {
    const codes = Array.from({ length: 5_000 }, generateOtp);
    expect(new Set(codes).size).toBeGreaterThan(4_900);
    // P(no code starting with "0" in 5 000 draws) = 0.9^5000 ≈ 0
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
  });
});
