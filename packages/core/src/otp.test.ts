import { describe, expect, it } from "vitest";
import { OTP_POLICY, generateOtp, isOtpFormat } from "./otp";

describe("OTP_POLICY", () => {
  it("holds the sign-in policy", () => {
    expect(OTP_POLICY).toEqual({
      codeLength: 6,
      ttlSeconds: 300,
      maxAttempts: 3,
      resendCooldownSeconds: 30,
      requestsPerPhonePerHour: 5,
      requestsPerIpPerHour: 20,
      verifiesPerIpPerHour: 30,
    });
  });
});

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

describe("isOtpFormat", () => {
  it.each(["000000", "123456", "999999"])("accepts %s", (code) => {
    expect(isOtpFormat(code)).toBe(true);
  });

  it.each(["", "12345", "1234567", " 123456", "123456 ", "12a456", "12 456", "-12345", "١٢٣٤٥٦", "123456\n"])(
    "rejects %j",
    (code) => {
      expect(isOtpFormat(code)).toBe(false);
    },
  );
});
