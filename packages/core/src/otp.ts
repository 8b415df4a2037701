/**
 * One-time-code policy for guest sign-in and email verification (DESIGN.md, flow 1). The auth
 * package enforces it (Redis store, hashed codes, code generation); this module holds the numbers
 * and the format check that the server and the forms share.
 */

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
  /**
   * Sign-in texts per number prefix (the E.164 number without its last 4 digits, a block of
   * 10,000 numbers) per rolling hour, across all clients: stops SMS pumping through a run of
   * sequential premium-rate numbers (OWASP Authentication Cheat Sheet, "SMS pumping").
   */
  smsPerNumberPrefixPerHour: 10,
} as const;

/** How a sign-in code travels: by SMS to the phone, or to the guest's verified email (the fallback when SMS fails). */
export const OTP_CHANNELS = ["sms", "email"] as const;
export type OtpChannel = (typeof OTP_CHANNELS)[number];

/** What the guest is told when a code is not in that format ("Enter the 6-digit code"). */
export const OTP_FORMAT_MESSAGE = `Enter the ${OTP_POLICY.codeLength}-digit code`;

const OTP_PATTERN = new RegExp(`^\\d{${OTP_POLICY.codeLength}}$`);

/** True when `code` is exactly `OTP_POLICY.codeLength` (6) ASCII digits (no spaces, signs or other characters). */
export function isOtpFormat(code: string): boolean {
  return OTP_PATTERN.test(code);
}
