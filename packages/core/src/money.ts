/**
 * Money helpers. Every amount in Tabletap is an integer number of the currency's minor units
 * (paise for INR: 125000 = ₹1,250.00). Never pass rupees or floats to these functions.
 */

function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * `bps` basis points of `amountMinor` (10 000 bps = 100 %, 500 bps = 5 %), as an integer number
 * of minor units, rounded half up: `percentOfBps(250, 500)` = 12.5 → 13; `percentOfBps(249, 500)`
 * = 12.45 → 12. Rounding is done on the exact integer product, so no floating-point drift.
 *
 * @param amountMinor amount in minor units (non-negative integer)
 * @param bps rate in basis points (non-negative integer; may exceed 10 000)
 * @throws RangeError when either argument is negative, not an integer, or the product is too
 *   large to compute exactly (beyond Number.MAX_SAFE_INTEGER).
 */
export function percentOfBps(amountMinor: number, bps: number): number {
  assertNonNegativeInteger("amountMinor", amountMinor);
  assertNonNegativeInteger("bps", bps);
  const product = amountMinor * bps;
  if (!Number.isSafeInteger(product)) {
    throw new RangeError(`percentOfBps(${amountMinor}, ${bps}) is too large to compute exactly`);
  }
  const whole = Math.floor(product / 10_000);
  const remainder = product - whole * 10_000;
  return remainder * 2 >= 10_000 ? whole + 1 : whole;
}

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an amount in minor units for display, e.g. `formatMoney(125000)` → "₹1,250.00".
 * The number of minor digits comes from the currency itself (ISO 4217 via Intl): INR/USD have 2,
 * JPY has 0 (`formatMoney(500, "JPY", "en-US")` → "¥500"), KWD has 3.
 * Negative amounts (refunds) are formatted with a minus sign.
 *
 * @param minor integer amount in minor units
 * @param currency ISO 4217 code, default "INR"
 * @param locale BCP 47 locale, default "en-IN" (Indian digit grouping: ₹1,00,000.00)
 * @throws RangeError when `minor` is not a safe integer, or the currency/locale is invalid.
 */
export function formatMoney(minor: number, currency = "INR", locale = "en-IN"): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Money amounts must be integers in minor units, got ${String(minor)}`);
  }
  const formatter = currencyFormatter(currency, locale);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** digits);
}

/**
 * An amount typed in major units (rupees: "125", "125.5", "1,250.50", "₹ 99") as minor units
 * (paise), computed from the digits (no floating-point drift: "0.29" → 29). The result is not
 * validated: more decimals than the currency has give a fractional number ("1.005" → 100.5),
 * a minus sign a negative one, so the money schemas can say what is wrong; text that is not a
 * number gives NaN (an empty field too).
 *
 * @param text the amount as typed; grouping commas, spaces and a leading "₹" are ignored
 * @param fractionDigits minor digits of the currency (2 for INR)
 */
export function parseMoneyInput(text: string, fractionDigits = 2): number {
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text.replace(/[\s,₹]/g, ""));
  if (!match || (!match[2] && !match[3])) return Number.NaN;
  const [, minus, whole = "", fraction = ""] = match;
  const kept = fraction.slice(0, fractionDigits).padEnd(fractionDigits, "0");
  const rest = fraction.slice(fractionDigits);
  const minor = Number(`${whole || "0"}${kept}`) + (rest ? Number(`0.${rest}`) : 0);
  return minus ? -minor : minor;
}

/**
 * Minor units as an editable amount in major units, the inverse of `parseMoneyInput`:
 * 12550 → "125.50", 12500 → "125" (no grouping, no symbol).
 *
 * @param minor integer amount in minor units
 * @param fractionDigits minor digits of the currency (2 for INR)
 * @throws RangeError when `minor` is not a safe integer
 */
export function moneyInputValue(minor: number, fractionDigits = 2): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Money amounts must be integers in minor units, got ${String(minor)}`);
  }
  const scale = 10 ** fractionDigits;
  const sign = minor < 0 ? "-" : "";
  const whole = Math.floor(Math.abs(minor) / scale);
  const fraction = Math.abs(minor) % scale;
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(fractionDigits, "0")}`;
}
