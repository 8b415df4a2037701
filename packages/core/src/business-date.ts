/**
 * The restaurant's business date: the calendar date in the restaurant's own time zone. Stored on
 * each order (DESIGN.md: aggregation can't compute dates, so we store it) and used for daily order
 * numbers and revenue reports.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * "YYYY-MM-DD" of the instant `at` (UTC) in `timeZone` (IANA, e.g. "Asia/Kolkata"):
 * 2024-03-31T19:00:00Z in Asia/Kolkata → "2024-04-01".
 *
 * @throws RangeError for an invalid Date or an unknown time zone.
 */
export function businessDate(at: Date, timeZone: string): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("businessDate: invalid Date");
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * `iso` (ISO-8601 UTC) as receipts and order emails show it, in the restaurant's `timeZone`
 * (IANA): "23 Nov 2026, 7:05 pm IST". An unparsable `iso` is returned as it is.
 */
export function formatDateTimeIn(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-IN", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

const timeOfDayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The time of day of the instant `at` (ms since the epoch, UTC, or a Date) on a clock in
 * `timeZone` (IANA), as the kitchen's clocks show it: "6:02 pm". The same on the server and in
 * any browser, whatever their own zone, so a server-rendered clock hydrates without a change.
 *
 * @throws RangeError for an unknown time zone.
 */
export function formatTimeOfDay(at: number | Date, timeZone: string): string {
  let formatter = timeOfDayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit", timeZone });
    timeOfDayFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
