/**
 * The kitchen's order lookup (`kitchen.findOrders`) and the display's "all day" counts: what a
 * query typed by staff means, the input schema, the result view and its bounds. Browser-safe:
 * the lookup dialog validates with the same schema the API does.
 */
import { z } from "zod";
import type { OrderLineView, OrderView } from "./views";

/**
 * Bounds of `kitchen.findOrders`. `maxResults`: the newest orders returned (a table turns a few
 * times a day and a guest orders a few times, so 50 covers a day's matches; more says so).
 * `phoneEndingMinDigits` / `phoneEndingMaxDigits`: how many trailing digits of a guest's phone
 * are accepted as a partial match (4, the "last four digits" staff ask for, up to 9; 10 and
 * more are read as the whole number).
 */
export const ORDER_LOOKUP_POLICY = {
  maxResults: 50,
  maxQueryLength: 40,
  phoneEndingMinDigits: 4,
  phoneEndingMaxDigits: 9,
  /** Order numbers of up to this many digits ("42", "#042", "1024"). */
  orderNumberMaxDigits: 4,
} as const;

/**
 * What a lookup query means, as `parseOrderQuery` reads it:
 * - `number`: an order number of today (`#42`, `#042`, `42`, `042`);
 * - `numberOrPhoneEnding`: four bare digits ("4210"): order #4210, or a guest phone ending in 4210;
 * - `phoneEnding`: 5–9 digits, the end of a guest's phone ("43210");
 * - `phone`: a whole phone number (10+ digits or starting with "+"), to be normalised to E.164
 *   with the restaurant's country (`toE164`);
 * - `table`: anything with a letter, a table label compared without case ("T7", "t7", "Patio 2").
 */
export type OrderQuery =
  | { kind: "number"; number: number }
  | { kind: "numberOrPhoneEnding"; number: number; digits: string }
  | { kind: "phoneEnding"; digits: string }
  | { kind: "phone"; raw: string }
  | { kind: "table"; label: string };

const QUERY_HINT = "Type an order number (42 or #042), a table (T7) or the guest's phone";

/**
 * Reads a lookup query typed by staff (see `OrderQuery`), or null when it is none of them (empty,
 * "#", "#0", punctuation only). Spaces, dashes, dots and brackets inside a phone are ignored.
 */
export function parseOrderQuery(input: string): OrderQuery | null {
  const query = input.trim();
  if (!query) return null;
  const hash = /^#\s*(\d+)$/.exec(query);
  if (hash) {
    const number = Number(hash[1]);
    return number >= 1 && hash[1]!.length <= 6 ? { kind: "number", number } : null;
  }
  if (query.startsWith("#")) return null;
  if (/\p{L}/u.test(query)) return { kind: "table", label: query.replace(/\s+/g, " ") };
  if (!/^\+?[\d\s().-]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, "");
  if (!digits) return null;
  if (query.startsWith("+") || digits.length > ORDER_LOOKUP_POLICY.phoneEndingMaxDigits)
    return { kind: "phone", raw: query };
  if (
    digits.length >= ORDER_LOOKUP_POLICY.phoneEndingMinDigits &&
    digits.length > ORDER_LOOKUP_POLICY.orderNumberMaxDigits
  )
    return { kind: "phoneEnding", digits };
  if (digits !== query) return null;
  const number = Number(digits);
  if (number < 1) return null;
  return digits.length >= ORDER_LOOKUP_POLICY.phoneEndingMinDigits
    ? { kind: "numberOrPhoneEnding", number, digits }
    : { kind: "number", number };
}

/** `kitchen.findOrders`: one query, read by `parseOrderQuery`. */
export const findOrdersInput = z.object({
  query: z
    .string({ error: QUERY_HINT })
    .trim()
    .min(1, QUERY_HINT)
    .max(ORDER_LOOKUP_POLICY.maxQueryLength, `At most ${ORDER_LOOKUP_POLICY.maxQueryLength} characters`)
    .refine((query) => parseOrderQuery(query) !== null, QUERY_HINT),
});
export type FindOrdersInput = z.infer<typeof findOrdersInput>;

/**
 * What `kitchen.findOrders` returns: today's matching orders (the restaurant's business date
 * `businessDate`, "YYYY-MM-DD" in its time zone), any status, each with its full status history,
 * newest first; `more` is true when more than `ORDER_LOOKUP_POLICY.maxResults` matched.
 */
export interface OrderLookupView {
  businessDate: string;
  orders: OrderView[];
  more: boolean;
}

/** One row of the "all day" panel: an item (and its chosen options) and how many are pending. */
export interface AllDayCount {
  /** The item's name with its options, e.g. "Butter Naan (Garlic)". */
  name: string;
  station: string;
  quantity: number;
}

/** A ticket as `allDayCounts` reads it; a line with `doneAt` set (bumped by its station) is done. */
export interface AllDayTicket {
  status: OrderView["status"];
  lines: readonly (Pick<OrderLineView, "name" | "station" | "quantity" | "modifiers"> & { doneAt?: string | null })[];
}

/**
 * The kitchen's "all day" counts: for every item still to make across `tickets` (placed, accepted
 * or preparing, the lines not yet done), the total quantity, lines with the same item and the same
 * options adding up; most first, then by name. Ready and finished tickets count nothing. With
 * `station`, only that station's lines.
 */
export function allDayCounts(tickets: readonly AllDayTicket[], station: string | null = null): AllDayCount[] {
  const counts = new Map<string, AllDayCount>();
  for (const ticket of tickets) {
    if (ticket.status !== "placed" && ticket.status !== "accepted" && ticket.status !== "preparing") continue;
    for (const line of ticket.lines) {
      if (station && line.station !== station) continue;
      if (line.doneAt) continue;
      const options = line.modifiers.map((modifier) => modifier.name).join(", ");
      const name = options ? `${line.name} (${options})` : line.name;
      const key = `${line.station}\u0000${name}`;
      const count = counts.get(key);
      if (count) count.quantity += line.quantity;
      else counts.set(key, { name, station: line.station, quantity: line.quantity });
    }
  }
  return [...counts.values()].sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name));
}
