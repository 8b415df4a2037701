/**
 * One-time-code policy for guest sign-in (DESIGN.md, flow 1). The auth package enforces it
 * (Redis store, hashed codes); this module only holds the numbers and the code generator.
 */
import { randomInt } from "node:crypto";

export const OTP_POLICY = {
  /** Digits in a code. */
  codeLength: 6,
  /** How long a code stays valid, seconds. */
  ttlSeconds: 300,
  /** Wrong guesses allowed before the code is burned. */
  maxAttempts: 3,
  /** Minimum wait between two codes for the same phone, seconds. */
  resendCooldownSeconds: 30,
  /** Codes sent to one phone per rolling hour. */
  requestsPerPhonePerHour: 5,
  /** Code requests from one IP per rolling hour. */
  requestsPerIpPerHour: 20,
  /** Verification attempts from one IP per rolling hour. */
  verifiesPerIpPerHour: 30,
} as const;

/**
 * A uniformly random 6-digit code, zero-padded ("004271"), from the CSPRNG (`crypto.randomInt`).
 * This is the only non-pure function in @tabletap/core.
 */
export function generateOtp(): string {
  return randomInt(0, 10 ** OTP_POLICY.codeLength)
    .toString()
    .padStart(OTP_POLICY.codeLength, "0");
}

const OTP_PATTERN = new RegExp(`^\\d{${OTP_POLICY.codeLength}}$`);

/** True when `code` is exactly 6 ASCII digits (no spaces, signs or other characters). */
export function isOtpFormat(code: string): boolean {
  return OTP_PATTERN.test(code);
}
