/**
 * The admin panel's tables: the manager creates, renames, re-seats, deactivates and reactivates
 * tables and regenerates their QR codes. Input schemas (used by the API and the forms alike) and
 * the views `admin.tables.*` returns.
 */
import { z } from "zod";
import { displayText, objectIdSchema } from "./schemas";

/**
 * The link a table's QR code encodes: the guest app's table page, `${guestAppUrl}/t/{code}`
 * (`guestAppUrl` is the `GUEST_APP_URL` origin, without a trailing slash).
 */
export function tableGuestUrl(guestAppUrl: string, code: string): string {
  return `${guestAppUrl}/t/${encodeURIComponent(code)}`;
}

/** Table labels are short, printed on the QR card and the kitchen ticket ("T12", "Patio 3"). */
export const TABLE_LABEL_MAX_LENGTH = 20;
/** Seats a table may have: a whole number in this range. */
export const TABLE_SEATS = { min: 1, max: 50 } as const;

const SEATS_MESSAGE = `Seats must be a whole number from ${TABLE_SEATS.min} to ${TABLE_SEATS.max}`;

/**
 * `admin.tables.save`: creates a table when `id` is absent, else updates it. `label` is
 * `displayText`, 1–20 characters, unique within the restaurant; `seats` a whole number 1–50;
 * `active` false deactivates (its QR code then answers "not valid"), true reactivates (default
 * true on create, unchanged on update when absent).
 */
export const saveTableInput = z.object({
  id: objectIdSchema.optional(),
  label: displayText(TABLE_LABEL_MAX_LENGTH, `A table label can be at most ${TABLE_LABEL_MAX_LENGTH} characters`).min(
    1,
    "Give the table a label",
  ),
  seats: z
    .number({ error: SEATS_MESSAGE })
    .int(SEATS_MESSAGE)
    .min(TABLE_SEATS.min, SEATS_MESSAGE)
    .max(TABLE_SEATS.max, SEATS_MESSAGE),
  active: z.boolean().optional(),
});
export type SaveTableInput = z.infer<typeof saveTableInput>;

/** One table, by id: `admin.tables.regenerateCode`, and the per-table QR downloads. */
export const tableIdInput = z.object({ tableId: objectIdSchema });
export type TableIdInput = z.infer<typeof tableIdInput>;

/** A guest at an open table session: who ordered (their name, else their masked phone), how many orders and their total. */
export interface TableSessionGuestView {
  customerId: string;
  /** The guest's name when they gave one, else their masked phone ("+91 ••••• ••210"). */
  displayName: string;
  orders: number;
  /** Sum of the guest's order totals, paise (cancelled and rejected orders not counted). */
  total: number;
}

/** The sitting currently open at a table: since when (ISO-8601 UTC), who ordered and the total so far. */
export interface OpenTableSessionView {
  id: string;
  openedAt: string;
  guests: TableSessionGuestView[];
  /** Orders of the session, cancelled and rejected ones not counted. */
  orders: number;
  /** Sum of those orders' totals, paise. */
  total: number;
}

/** One table as the admin lists it. */
export interface AdminTableView {
  id: string;
  label: string;
  seats: number;
  active: boolean;
  /** The unguessable token its QR code encodes. */
  code: string;
  /** What its QR code encodes: `${GUEST_APP_URL}/t/{code}`. */
  guestUrl: string;
  /** The open table session, null when nobody is sitting there. */
  openSession: OpenTableSessionView | null;
}

/** `admin.tables.list`: every table of the restaurant, by label; `currency` (ISO 4217) formats the totals. */
export interface AdminTablesView {
  currency: string;
  tables: AdminTableView[];
}

/** One table's QR card: what the printed card and the PNG/SVG downloads show and encode. */
export interface TableQrCardView {
  tableId: string;
  label: string;
  /** `${GUEST_APP_URL}/t/{code}`, what the QR code encodes. */
  guestUrl: string;
}

/** `admin.tables.qrCards`: the restaurant's name and the cards of its active tables (or of one table), by label. */
export interface TableQrCardsView {
  restaurantName: string;
  cards: TableQrCardView[];
}

/** `admin.tables.qrCards`: one table's card (any table, active or not), or every active table's when `tableId` is absent. */
export const tableQrCardsInput = z.object({ tableId: objectIdSchema.optional() });
export type TableQrCardsInput = z.infer<typeof tableQrCardsInput>;
