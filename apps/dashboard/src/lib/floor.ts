/**
 * Pure floor-view logic: the words and order of service requests, how old they are, what a
 * table card and the "Settle at counter" form show. No React, no I/O (unit-tested in
 * floor.test.ts). The rules themselves (a table's state, the bill) are core's (`@tabletap/core/tab`,
 * `@tabletap/core/bill`).
 */
import { billTotal } from "@tabletap/core/bill";
import {
  TABLE_FLOOR_STATES,
  type FloorTableView,
  type FloorView,
  type PaymentRecordStatus,
  type ServiceRequestKind,
  type ServiceRequestView,
  type TableFloorState,
} from "@tabletap/core/tab";

/** A request's kind on a staff chip: short, read from across the room. */
export const REQUEST_CHIP_LABELS: Readonly<Record<ServiceRequestKind, string>> = {
  waiter: "Waiter",
  water: "Water",
  bill: "Bill",
};

/** An open request older than this is shown as overdue (red) on the floor and the kitchen strip. */
export const REQUEST_OVERDUE_AFTER_MS = 5 * 60_000;

/**
 * A duration in whole minutes, short: "<1 min", "4 min", then "1 h 05" past an hour; never
 * negative (clock skew between the browser and the server).
 */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "<1 min";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")}`;
}

/** How long ago, for a request chip: "now" under a minute, else `durationText` ("4 min"). */
export function requestAgeText(ageMs: number): string {
  return ageMs < 60_000 ? "now" : durationText(ageMs);
}

/** A request still waiting for staff: open (nobody has acknowledged it) or acknowledged (on the way). */
export function isPendingRequest(request: Pick<ServiceRequestView, "status">): boolean {
  return request.status !== "resolved";
}

/** "open" requests past `REQUEST_OVERDUE_AFTER_MS` are overdue; acknowledged ones never are. */
export function requestUrgency(
  request: Pick<ServiceRequestView, "status" | "createdAt">,
  now: number,
): "overdue" | "open" | "acknowledged" | "resolved" {
  if (request.status !== "open") return request.status;
  return now - Date.parse(request.createdAt) >= REQUEST_OVERDUE_AFTER_MS ? "overdue" : "open";
}

/** A pending service request with the table it came from (the kitchen strip's items). */
export interface TableRequest {
  tableId: string;
  tableLabel: string;
  tableSessionId: string;
  request: ServiceRequestView;
}

/** Every pending (open or acknowledged) request on the floor, open ones first, then oldest first. */
export function pendingRequests(floor: FloorView): TableRequest[] {
  const result: TableRequest[] = [];
  for (const table of floor.tables) {
    if (!table.session) continue;
    for (const request of table.session.requests) {
      if (isPendingRequest(request))
        result.push({ tableId: table.tableId, tableLabel: table.label, tableSessionId: table.session.id, request });
    }
  }
  const rank = (r: TableRequest) => (r.request.status === "open" ? 0 : 1);
  return result.sort((a, b) => rank(a) - rank(b) || Date.parse(a.request.createdAt) - Date.parse(b.request.createdAt));
}

/** How many tables are in each floor state, in `TABLE_FLOOR_STATES` order (the floor's legend). */
export function countByState(tables: readonly Pick<FloorTableView, "state">[]): [TableFloorState, number][] {
  return TABLE_FLOOR_STATES.map((state) => [state, tables.filter((table) => table.state === state).length]);
}

/**
 * What the counter should collect from a table, in paise: what is due (`totals.due`, which leaves
 * out live pending claims) plus the counter payments guests asked for ("Pay at the counter", tips
 * included) that staff have not recorded yet. The "Settle at counter" form starts from it.
 */
export function counterAmountDue(
  session: Pick<NonNullable<FloorTableView["session"]>, "totals" | "pendingCounter">,
): number {
  return billTotal(session.totals.due) + session.pendingCounter.reduce((sum, payment) => sum + payment.total, 0);
}

/** A table session nothing was ordered on: the only kind staff may close by hand. */
export function isEmptySession(session: Pick<NonNullable<FloorTableView["session"]>, "orders" | "totals">): boolean {
  return session.orders === 0 && billTotal(session.totals.total) === 0;
}

/** Tables a session can move to: active tables with no open session (core's "free", or "paid" a moment ago), but not `fromTableId`. */
export function moveTargets(floor: FloorView, fromTableId: string): FloorTableView[] {
  return floor.tables.filter((table) => table.session === null && table.tableId !== fromTableId);
}

/** A payment's state in staff words. */
export const PAYMENT_STATUS_TEXT: Readonly<Record<PaymentRecordStatus, string>> = {
  created: "In checkout",
  pending: "Awaiting counter",
  paid: "Paid",
  failed: "Failed",
  cancelled: "Cancelled",
};
