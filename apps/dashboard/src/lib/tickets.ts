/**
 * Pure kitchen-display logic: keeping the ticket list in step with live events, the status
 * columns, station filtering, ticket age, the words of each move (which moves exist is core's
 * `kitchenActions`). No React, no I/O (unit-tested in tickets.test.ts).
 */
import type { KitchenBoardView, OrderLineView, OrderStatus, OrderView } from "@tabletap/core";
import {
  isActiveOrderStatus,
  kitchenActions,
  type ActiveOrderStatus,
  type OrderExit,
} from "@tabletap/core/order-status";
import { isStaleOrderView } from "@tabletap/core/views";
import { stationOwesWork } from "./stations";

export type Ticket = OrderView;

/** Board columns, left to right: "New" holds placed (awaiting accept) and accepted tickets. */
export const COLUMNS = [
  { id: "new", title: "New", statuses: ["placed", "accepted"] },
  { id: "preparing", title: "Preparing", statuses: ["preparing"] },
  { id: "ready", title: "Ready", statuses: ["ready"] },
] as const satisfies readonly { id: string; title: string; statuses: readonly ActiveOrderStatus[] }[];
export type ColumnId = (typeof COLUMNS)[number]["id"];

/** Tickets oldest first (by when the order was placed), the order the kitchen works them in. */
function byPlacedAt(a: Ticket, b: Ticket): number {
  return Date.parse(a.placedAt) - Date.parse(b.placedAt) || a.number.localeCompare(b.number);
}

/**
 * Applies one live change to the board: a new ticket is added, a changed one replaced, and a
 * ticket that is no longer active (served, cancelled, rejected) dropped. A change older than
 * what the board already shows (events can cross a refetch or a mutation's own answer) is
 * ignored. Returns the same array when nothing changed.
 */
export function applyTicketChange(tickets: readonly Ticket[], change: Ticket): Ticket[] {
  const index = tickets.findIndex((ticket) => ticket.id === change.id);
  const current = index >= 0 ? tickets[index] : undefined;
  if (isStaleOrderView(current, change)) return tickets as Ticket[];
  if (!isActiveOrderStatus(change.status))
    return current ? tickets.filter((ticket) => ticket.id !== change.id) : (tickets as Ticket[]);
  const next = current ? tickets.map((ticket, i) => (i === index ? change : ticket)) : [...tickets, change];
  return next.sort(byPlacedAt);
}

/** Every station named on the board's lines, sorted, "kitchen" first when present. */
export function stationsOf(tickets: readonly Ticket[]): string[] {
  const stations = new Set<string>();
  for (const ticket of tickets) for (const line of ticket.lines) stations.add(line.station);
  return [...stations].sort((a, b) => (a === "kitchen" ? -1 : b === "kitchen" ? 1 : a.localeCompare(b)));
}

/** A ticket as one station sees it: its lines for that station, and how many lines it hides. */
export interface StationTicket {
  ticket: Ticket;
  lines: OrderLineView[];
  hiddenLines: number;
}

/**
 * The tickets `station` still has work on (a line of its not yet bumped, the ticket not ready:
 * `stationOwesWork`), trimmed to its lines; every ticket for null (the expo view).
 */
export function filterByStation(tickets: readonly Ticket[], station: string | null): StationTicket[] {
  const result: StationTicket[] = [];
  for (const ticket of tickets) {
    if (station && !stationOwesWork(ticket, station)) continue;
    const lines = station ? ticket.lines.filter((line) => line.station === station) : ticket.lines;
    result.push({ ticket, lines, hiddenLines: ticket.lines.length - lines.length });
  }
  return result;
}

/** Groups (already filtered) tickets into the board's columns, oldest first. */
export function toColumns<T extends { ticket: Ticket }>(items: readonly T[]): Record<ColumnId, T[]> {
  const columns: Record<ColumnId, T[]> = { new: [], preparing: [], ready: [] };
  for (const item of items) {
    const column = COLUMNS.find((c) => (c.statuses as readonly OrderStatus[]).includes(item.ticket.status));
    if (column) columns[column.id].push(item);
  }
  for (const list of Object.values(columns)) list.sort((a, b) => byPlacedAt(a.ticket, b.ticket));
  return columns;
}

/** Elapsed time as m:ss → "04:07", "12:30", "1:05:09" past an hour; never negative (clock skew). */
export function formatAge(ageMs: number): string {
  const total = Math.max(0, Math.floor(ageMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Elapsed time in words for screen readers: "12 minutes", "1 hour 5 minutes", "under a minute". */
export function describeAge(ageMs: number): string {
  const minutes = Math.floor(Math.max(0, ageMs) / 60_000);
  if (minutes < 1) return "under a minute";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const m = `${rest} minute${rest === 1 ? "" : "s"}`;
  if (hours === 0) return m;
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${m}` : ""}`;
}

/**
 * The board's note about the active tickets `kitchen.tickets` left out (more than
 * `KITCHEN_BOARD_POLICY.maxTickets` are open): "+12 older tickets not shown (the oldest placed
 * at 6:02 pm)", with `formatTime` writing the time of `oldestAt`; null when none is left out.
 */
export function hiddenTicketsText(
  hidden: KitchenBoardView["hidden"],
  formatTime: (iso: string) => string,
): string | null {
  if (hidden.count === 0) return null;
  const since = hidden.oldestAt ? ` (the oldest placed ${formatTime(hidden.oldestAt)})` : "";
  return `+${hidden.count} older ${hidden.count === 1 ? "ticket" : "tickets"} not shown${since}`;
}

/** "#001" / "T3" → the words every control of one ticket is named with: "order #001 for T3". */
export function ticketName(ticket: Pick<Ticket, "number" | "tableLabel">): string {
  return `order ${ticket.number} for ${ticket.tableLabel}`;
}

/** A move staff can make on a ticket, with its button text and accessible name. */
export interface TicketAction<To extends OrderStatus = OrderStatus> {
  to: To;
  label: string;
  pendingLabel: string;
  accessibleName: string;
}

/** The staff's words for each move, by the status the ticket moves to (a ticket never moves to "placed"). */
const MOVE_WORDS: Record<
  Exclude<OrderStatus, "placed">,
  { label: string; pending: string; verb: string; name: (ticket: string) => string }
> = {
  accepted: { label: "Accept", pending: "Accepting…", verb: "accept", name: (t) => `Accept ${t}` },
  preparing: { label: "Start", pending: "Starting…", verb: "start", name: (t) => `Start ${t}` },
  ready: { label: "Ready", pending: "Marking ready…", verb: "mark ready", name: (t) => `Mark ${t} ready` },
  served: { label: "Served", pending: "Marking served…", verb: "mark served", name: (t) => `Mark ${t} served` },
  rejected: { label: "Reject", pending: "Rejecting…", verb: "reject", name: (t) => `Reject ${t}` },
  cancelled: { label: "Cancel", pending: "Cancelling…", verb: "cancel", name: (t) => `Cancel ${t}` },
};

function actionTo<To extends Exclude<OrderStatus, "placed">>(
  ticket: Pick<Ticket, "number" | "tableLabel">,
  to: To,
): TicketAction<To> {
  const words = MOVE_WORDS[to];
  return { to, label: words.label, pendingLabel: words.pending, accessibleName: words.name(ticketName(ticket)) };
}

/**
 * The one big button of a ticket, the forward step core allows (`kitchenActions`): Accept
 * (placed), Start (accepted), Ready (preparing), Served (ready); null once the order is over.
 * Accessible names repeat the order and table, e.g. "Start order #001 for T3".
 */
export function forwardActionOf(ticket: Pick<Ticket, "status" | "number" | "tableLabel">): TicketAction | null {
  const { advance } = kitchenActions(ticket.status);
  return advance && advance !== "placed" ? actionTo(ticket, advance) : null;
}

/**
 * How staff take a ticket off the board early, as core allows (`kitchenActions`): Reject while
 * placed, Cancel once accepted or preparing, null once ready. E.g. "Cancel order #001 for T3".
 */
export function exitActionOf(ticket: Pick<Ticket, "status" | "number" | "tableLabel">): TicketAction<OrderExit> | null {
  const { exit } = kitchenActions(ticket.status);
  return exit ? actionTo(ticket, exit) : null;
}

/** The verb a failed move is reported with ("Couldn't mark ready order #001 for T3: …"); "update" for any other status. */
export function moveVerb(to: OrderStatus): string {
  return to === "placed" ? "update" : MOVE_WORDS[to].verb;
}
