import { describe, expect, it } from "vitest";
import { OTP_FORMAT_MESSAGE, OTP_POLICY, isOtpFormat } from "./otp";

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
      smsPerNumberPrefixPerHour: 10,
    });
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

describe("OTP_FORMAT_MESSAGE", () => {
  it("names the code's length", () => {
    expect(OTP_FORMAT_MESSAGE).toBe("Enter the 6-digit code");
  });
});
