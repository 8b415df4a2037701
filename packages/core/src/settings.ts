/**
 * The restaurant's settings (`admin.settings.*`): name, currency, time zone, GST and service
 * charge, weekly opening hours, and the "pause ordering" switch guests see at once.
 */
import { z } from "zod";
import { displayText } from "./schemas";

/** Basis points in 100 %: rates are stored as integers, 500 = 5 %, 1 bp = 0.01 %. */
const BPS_PER_PERCENT = 100;
/** The highest rate a restaurant can set (GST, service charge): 100 %. */
export const MAX_RATE_BPS = 100 * BPS_PER_PERCENT;

/**
 * A percentage as typed ("5", "5.25", " 12.5 ") in basis points (525), computed on the digits so
 * no floating-point rounding creeps in; null unless it is a number from 0 to 100 with at most 2
 * decimals (0.01 % = 1 bp is the finest rate stored).
 */
export function percentToBps(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bps = Number(match[1]) * BPS_PER_PERCENT + Number((match[2] ?? "").padEnd(2, "0"));
  return bps <= MAX_RATE_BPS ? bps : null;
}

/** Basis points as the percentage a manager types: 525 → "5.25", 1250 → "12.5", 500 → "5". */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / BPS_PER_PERCENT);
  const fraction = String(bps % BPS_PER_PERCENT)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Every ISO 4217 currency code the runtime knows (`Intl.supportedValuesOf`), e.g. "INR". */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");

/**
 * The IANA time zones the runtime lists (`Intl.supportedValuesOf`), plus "UTC", which engines
 * leave out of that list though they accept it: the choices of the settings form. Engines list
 * some zones under an older name (Node's ICU lists "Asia/Calcutta", not "Asia/Kolkata"), so
 * validate with `isTimeZone`, not against this list.
 */
export const TIME_ZONES: readonly string[] = [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();

/** An IANA zone name as written in the tz database ("Asia/Kolkata", "America/Argentina/Buenos_Aires", "UTC"): no offsets, no lower case. */
const ZONE_NAME = /^[A-Z][A-Za-z_]*(?:\/[A-Z][A-Za-z0-9_+-]*)*$/;

/**
 * True when `zone` is a real IANA time zone (its canonical name or a link, such as "Asia/Kolkata"
 * and "Asia/Calcutta"), as the runtime's tz database knows it; false for "Mars/Olympus",
 * offsets ("+05:30") and miscased names.
 */
export function isTimeZone(zone: string): boolean {
  if (!ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Day numbers of the week as stored in opening hours: 0 = Sunday … 6 = Saturday (as `Date.getDay`). */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

const TIME_MESSAGE = "Use 24-hour time, e.g. 09:30";
/** A local time of day, 24-hour "HH:MM" (00:00–23:59). */
export const timeOfDaySchema = z.string({ error: TIME_MESSAGE }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, TIME_MESSAGE);

/**
 * One day's opening hours in the restaurant's time zone. `closes` before `opens` means the
 * restaurant closes after midnight (18:00–02:00 closes at 2 am the next day); equal times are
 * refused (a day without hours is a closed day: leave it out).
 */
export const openingHoursSchema = z
  .object({
    day: z
      .number({ error: "Not a day of the week" })
      .int("Not a day of the week")
      .min(0)
      .max(6, "Not a day of the week"),
    opens: timeOfDaySchema,
    closes: timeOfDaySchema,
  })
  .refine((hours) => hours.opens !== hours.closes, {
    path: ["closes"],
    message: "Closing time must differ from opening time",
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const rateBps = (what: string) => {
  const message = `${what} must be between 0 and 100 % with at most 2 decimals`;
  return z.number({ error: message }).int(message).min(0, message).max(MAX_RATE_BPS, message);
};

/** The range of the kitchen's overload threshold a manager may set, minutes. */
export const BACKLOG_WARN_MINUTES = Object.freeze({ min: 1, max: 240 });

const BACKLOG_MESSAGE = `Enter whole minutes from ${BACKLOG_WARN_MINUTES.min} to ${BACKLOG_WARN_MINUTES.max}, or leave it empty`;
/** The overload threshold: whole minutes 1–240, or null for "never warn guests". */
const backlogWarnMinutes = z
  .number({ error: BACKLOG_MESSAGE })
  .int(BACKLOG_MESSAGE)
  .min(BACKLOG_WARN_MINUTES.min, BACKLOG_MESSAGE)
  .max(BACKLOG_WARN_MINUTES.max, BACKLOG_MESSAGE)
  .nullable();

/**
 * `admin.settings.save`: the settings to change (fields left out stay as they are, so the pause
 * switch saves `{ orderingPaused }` alone). `currency` an ISO 4217 code, `timeZone` an IANA zone,
 * rates in basis points (integers 0–10 000; the form enters percent, `percentToBps`),
 * `openingHours` at most one entry per day (days left out are closed), `kitchenBacklogWarnMinutes`
 * the overload threshold (guests are warned before ordering while the kitchen's backlog is past
 * it; null never warns).
 */
export const saveSettingsInput = z
  .object({
    name: displayText(80, "Name can be at most 80 characters").min(1, "Enter the restaurant's name"),
    currency: z
      .string({ error: "Choose a currency" })
      .refine((code) => CURRENCIES.includes(code), "Not a currency (ISO 4217), e.g. INR"),
    timeZone: z.string({ error: "Choose a time zone" }).refine(isTimeZone, "Not a time zone, e.g. Asia/Kolkata"),
    taxBps: rateBps("GST"),
    serviceChargeBps: rateBps("Service charge"),
    openingHours: z
      .array(openingHoursSchema)
      .max(7, "At most one entry per day")
      .refine((days) => new Set(days.map((d) => d.day)).size === days.length, "At most one entry per day"),
    orderingPaused: z.boolean({ error: "Choose paused or not" }),
    kitchenBacklogWarnMinutes: backlogWarnMinutes,
  })
  .partial();
export type SaveSettingsInput = z.infer<typeof saveSettingsInput>;

/** The restaurant's settings as the admin panel shows them; rates in basis points, `updatedAt` ISO-8601 UTC. */
export interface SettingsView {
  name: string;
  currency: string;
  timeZone: string;
  taxBps: number;
  serviceChargeBps: number;
  openingHours: OpeningHours[];
  orderingPaused: boolean;
  /** Minutes of kitchen backlog past which guests are warned before ordering; null never warns. */
  kitchenBacklogWarnMinutes: number | null;
  updatedAt: string;
}
