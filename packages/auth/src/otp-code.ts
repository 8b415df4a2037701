/**
 * Server-side one-time-code generation (DESIGN.md, flow 1). Kept out of @tabletap/core so core
 * stays free of Node built-ins and safe to bundle for the browser.
 */
import { randomInt } from "node:crypto";
import { OTP_POLICY } from "@tabletap/core/otp";

/**
 * A uniformly random code of `OTP_POLICY.codeLength` (6) digits, zero-padded ("004271"), from
 * the CSPRNG (`crypto.randomInt`).
 */
export function generateOtp(): string {
  return randomInt(0, 10 ** OTP_POLICY.codeLength)
    .toString()
    .padStart(OTP_POLICY.codeLength, "0");
}
