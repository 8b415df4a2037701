/**
 * Phone numbers. Guests are identified by their phone in E.164 ("+919876543210"); numbers are
 * parsed and validated with libphonenumber-js (Google's libphonenumber metadata).
 */
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import type { CountryCode } from "libphonenumber-js";

export type { CountryCode };

/**
 * Normalises what a guest typed to E.164, or null when it isn't a valid number.
 * Numbers without a "+" country code are read as numbers of `defaultRegion` (India by default):
 * "98765 43210" → "+919876543210", "09876543210" → "+919876543210",
 * "+1 415 555 2671" → "+14155552671", "12345" / "abc" → null.
 */
export function toE164(raw: string, defaultRegion: CountryCode = "IN"): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultRegion);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

function maskDigitsExceptLast(text: string, keep: number): string {
  const total = (text.match(/\d/g) ?? []).length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => (++seen > total - keep ? digit : "•"));
}

/**
 * Masks an E.164 number for display, keeping the country code and the last 3 digits and the
 * country's usual grouping: "+919876543210" → "+91 ••••• ••210", "+14155552671" → "+1 ••• ••• •671".
 * Input that doesn't parse has every digit but the last 3 masked. Never throws.
 */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return maskDigitsExceptLast(e164, 3);
  const prefix = `+${parsed.countryCallingCode}`;
  const international = parsed.formatInternational();
  const national = international.startsWith(prefix) ? international.slice(prefix.length).trim() : parsed.nationalNumber;
  return `${prefix} ${maskDigitsExceptLast(national, 3)}`;
}

/**
 * The ISO 3166-1 alpha-2 country of an E.164 number ("+919876543210" → "IN",
 * "+14155552671" → "US"; numbers shared by several countries, like +1, by their area code), or
 * null when it isn't a valid number.
 */
export function phoneCountry(e164: string): CountryCode | null {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() ? (parsed.country ?? null) : null;
}

/** True when `code` is an ISO 3166-1 alpha-2 country with phone numbers ("IN", "GB"; not "in", "XX"). */
export function isPhoneCountry(code: string): code is CountryCode {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * The English names of `countries` as a list with "or": ["IN"] → "India",
 * ["IN", "NP"] → "India or Nepal", ["IN", "NP", "LK"] → "India, Nepal, or Sri Lanka".
 */
export function countryNames(countries: readonly string[]): string {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  return new Intl.ListFormat("en", { type: "disjunction" }).format(countries.map((code) => names.of(code) ?? code));
}
