/**
 * The staff's floor: every table of the restaurant with its state, its open session's figures
 * and service requests, live; and what staff do there (answer requests, close an empty session,
 * move a session to another table). Any staff member of the restaurant; every query and update
 * is scoped by `staff.restaurantId`, and another restaurant's ids answer NOT_FOUND.
 */
import {
  computeTab,
  countsOnTab,
  floorState,
  liveClaims,
  type FloorMoveInput,
  type FloorRequestInput,
  type FloorSessionInput,
  type FloorSubscriptionInput,
  type FloorTableView,
  type FloorView,
  type TabView,
} from "@tabletap/core";
import { cacheKeys } from "@tabletap/cache";
import {
  Order,
  outboxEntry,
  Payment,
  Table,
  TableSession,
  updateTableSession,
  type OrderDoc,
  type PaymentDoc,
  type TableDoc,
  type TableSessionDoc,
} from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { Types } from "mongoose";
import { ConflictError, NotFoundError } from "../errors";
import { restaurantMenu } from "./menu";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import {
  announceTabChange,
  guestsInJoinOrder,
  liveViews,
  releaseTable,
  sessionOrders,
  sessionTabView,
  tabPeople,
  tabStateOf,
  visibleRequests,
} from "./tab";

/** Labels in the order people count them: "T2" before "T10", case ignored. */
const labelOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** How far back the floor looks for a table's last closed session (`lastClosedAt`), milliseconds: 12 hours. */
const LAST_CLOSED_LOOKBACK_MS = 12 * 60 * 60 * 1000;

const SESSION_NOT_FOUND = "That table session doesn't exist (it may belong to another restaurant).";

/**
 * The floor at `now`: the restaurant's active tables (and inactive ones still holding an open
 * session), by label in counting order, each with its `floorState`, its open session's guests,
 * counted orders, totals (`computeTab`), counter payments awaiting staff and visible service
 * requests, and when its last session closed (within the last 12 hours, else null); amounts in
 * the restaurant's currency (from its cached menu, `restaurantMenu`). A constant
 * number of indexed reads whatever the number of tables.
 */
export async function floorView(services: Services, staff: StaffPrincipal, now: Date = new Date()): Promise<FloorView> {
  const restaurantId = new Types.ObjectId(staff.restaurantId);
  const [{ restaurant }, tables, sessions, closed] = await Promise.all([
    restaurantMenu(services, staff.restaurantId),
    Table.find({ restaurantId }).lean<TableDoc[]>(),
    TableSession.find({ restaurantId, status: "open" }).lean<TableSessionDoc[]>(),
    TableSession.find(
      { restaurantId, status: "closed", closedAt: { $gte: new Date(now.getTime() - LAST_CLOSED_LOOKBACK_MS) } },
      { tableId: 1, closedAt: 1, closeReason: 1 },
    ).lean(),
  ]);
  const sessionIds = sessions.map((session) => session._id);
  const [orders, payments] =
    sessionIds.length > 0
      ? await Promise.all([
          Order.find({ tableSessionId: { $in: sessionIds } }).lean<OrderDoc[]>(),
          Payment.find({ tableSessionId: { $in: sessionIds } }).lean<PaymentDoc[]>(),
        ])
      : [[], []];
  const bySession = <T extends { tableSessionId: Types.ObjectId }>(docs: T[], id: Types.ObjectId) =>
    docs.filter((doc) => doc.tableSessionId.equals(id));
  const openByTable = new Map(sessions.map((session) => [session.tableId.toString(), session]));
  const lastClosed = new Map<string, { at: Date; reason: "paid" | "empty" }>();
  for (const session of closed) {
    const at = session.closedAt;
    const key = session.tableId.toString();
    if (!at || (lastClosed.get(key)?.at ?? 0) > at) continue;
    lastClosed.set(key, { at, reason: session.closeReason === "paid" ? "paid" : "empty" });
  }

  const views = await Promise.all(
    tables
      .filter((table) => table.active || openByTable.has(table._id.toString()))
      .sort((a, b) => labelOrder.compare(a.label, b.label))
      .map(async (table): Promise<FloorTableView> => {
        const closedLast = lastClosed.get(table._id.toString()) ?? null;
        const lastClosedInput = closedLast && { at: closedLast.at.toISOString(), reason: closedLast.reason };
        const session = openByTable.get(table._id.toString()) ?? null;
        const base = { tableId: table._id.toString(), label: table.label, seats: table.seats };
        if (!session) {
          return {
            ...base,
            state: floorState({ session: null, lastClosed: lastClosedInput }, now),
            session: null,
            lastClosedAt: lastClosedInput?.at ?? null,
          };
        }
        const tableOrders = bySession(orders, session._id).sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
        );
        const sessionPayments = bySession(payments, session._id);
        const state = tabStateOf(session, tableOrders);
        const pendingCounter = sessionPayments.filter(
          (payment) => payment.method === "counter" && payment.status === "pending",
        );
        const people: ReadonlyMap<string, string> =
          pendingCounter.length > 0 ? await tabPeople(session, tableOrders, pendingCounter) : new Map<string, string>();
        const requests = visibleRequests(session, null, now);
        return {
          ...base,
          state: floorState(
            {
              session: {
                requests: (session.requests ?? []).map(({ kind, status }) => ({ kind, status })),
                claims: liveClaims(state.claims, now).length,
                orderStatuses: tableOrders.map((order) => order.status),
              },
              lastClosed: lastClosedInput,
            },
            now,
          ),
          session: {
            id: session._id.toString(),
            openedAt: session.openedAt.toISOString(),
            guests: guestsInJoinOrder(session, tableOrders).length,
            orders: tableOrders.filter((order) => countsOnTab(order.status)).length,
            totals: computeTab(state, now).totals,
            pendingCounter: pendingCounter.map((payment) => ({
              paymentId: payment._id.toString(),
              payer: (payment.customerId && people.get(payment.customerId.toString())) || "A guest",
              total: payment.total,
            })),
            requests,
          },
          lastClosedAt: lastClosedInput?.at ?? null,
        };
      }),
  );
  return { currency: restaurant.currency, tables: views };
}

/**
 * `floor.onUpdate`: the floor (`floorView`) at once, then afresh after every change of any of
 * the restaurant's table sessions (`channels.floor`: orders, payments, requests, sessions opened,
 * closed or moved), each with an event id; ends when `signal` aborts.
 */
export function followFloor(
  services: Services,
  staff: StaffPrincipal,
  _input: FloorSubscriptionInput,
  signal?: AbortSignal,
): AsyncIterable<BusEvent<FloorView>> {
  return liveViews(
    services,
    channels.floor(staff.restaurantId),
    () => floorView(services, staff),
    () => false,
    signal,
  );
}

/** The staff member's restaurant's session `tableSessionId`. @throws NotFoundError when unknown or another restaurant's. */
async function ownSession(staff: StaffPrincipal, tableSessionId: string): Promise<TableSessionDoc> {
  const session = await TableSession.findById(tableSessionId).lean<TableSessionDoc>();
  if (session?.restaurantId.toString() !== staff.restaurantId) throw new NotFoundError(SESSION_NOT_FOUND);
  return session;
}

/**
 * `floor.tab`: a session's tab as staff see it (open or closed; payer and guest labels, nothing
 * `mine`). @throws NotFoundError for an unknown session or another restaurant's.
 */
export async function floorTab(services: Services, staff: StaffPrincipal, input: FloorSessionInput): Promise<TabView> {
  const session = await ownSession(staff, input.tableSessionId);
  return sessionTabView(services, session._id, null);
}

/**
 * Moves a service request of an open session of the staff member's restaurant on: to
 * "acknowledged" (the guest sees "On the way") or "resolved", recording when and by whom,
 * decided under the session's version. Idempotent: a request already there (or past it: a
 * resolved one is not acknowledged again) changes nothing. Announces a change. Returns the tab.
 * @throws NotFoundError for an unknown session or request, or another restaurant's;
 *   ConflictError when the session has closed.
 */
export async function answerRequest(
  services: Services,
  staff: StaffPrincipal,
  input: FloorRequestInput,
  to: "acknowledged" | "resolved",
): Promise<TabView> {
  const session = await ownSession(staff, input.tableSessionId);
  const now = new Date();
  const written = await updateTableSession(session._id, (current) => {
    const requests = current.requests ?? [];
    const request = requests.find((candidate) => candidate._id.toString() === input.requestId);
    if (!request) throw new NotFoundError("That service request doesn't exist.");
    if (current.status !== "open") throw new ConflictError("This table's session has closed.");
    if (request.status === "resolved" || request.status === to) return { update: null, result: false };
    const by = new Types.ObjectId(staff.staffId);
    const answered = requests.map((candidate) =>
      candidate === request
        ? {
            ...candidate,
            status: to,
            by,
            ...(to === "acknowledged" ? { acknowledgedAt: now } : { resolvedAt: now }),
          }
        : candidate,
    );
    return { update: { $set: { requests: answered } }, result: true };
  });
  if (written?.result) await announceTabChange(services, written.session);
  return sessionTabView(services, session._id, null);
}

/**
 * Closes an open session with nothing on its tab (no counted order, no payment claim): status
 * "closed", `closeReason` "empty", `closedBy` (the staff member, or null when a table was
 * deactivated by the system), decided under the session's version; then frees the table and
 * announces it.
 * @returns false (nothing changed) when the session is closed already.
 * @throws ConflictError when the tab is not empty.
 */
export async function closeEmptySession(
  services: Services,
  session: Pick<TableSessionDoc, "_id">,
  closedBy: string | null,
): Promise<boolean> {
  const orders = await sessionOrders(session._id);
  const now = new Date();
  const written = await updateTableSession(session._id, (current) => {
    if (current.status !== "open") return { update: null, result: false };
    if (orders.some((order) => countsOnTab(order.status)) || (current.claims ?? []).length > 0)
      throw new ConflictError(
        "This table has orders or payments on its bill. Settle the bill instead of closing the session.",
      );
    return {
      update: {
        $set: {
          status: "closed",
          closedAt: now,
          closeReason: "empty",
          closedBy: closedBy ? new Types.ObjectId(closedBy) : null,
        },
      },
      result: true,
    };
  });
  if (!written?.result) return false;
  await releaseTable(services, written.session);
  await announceTabChange(services, written.session);
  return true;
}

/**
 * `floor.closeSession`: closes an open session of the staff member's restaurant whose tab is
 * empty (`closeEmptySession`: guests sat down and left without ordering). Returns the closed tab.
 * @throws NotFoundError for an unknown session or another restaurant's; ConflictError when it
 *   is already closed, or has a counted order or a payment claim (nothing changes).
 */
export async function closeSession(
  services: Services,
  staff: StaffPrincipal,
  input: FloorSessionInput,
): Promise<TabView> {
  const session = await ownSession(staff, input.tableSessionId);
  if (!(await closeEmptySession(services, session, staff.staffId)))
    throw new ConflictError("This table's session is already closed.");
  return sessionTabView(services, session._id, null);
}

/**
 * Points the session's orders at the table its guests moved to (`tableId`, `tableLabel`), each
 * change stored with its `order.changed` outbox event and delivered like any order change, so
 * kitchen tickets and the guests' order pages show the new table at once.
 */
async function relabelOrders(services: Services, tableSessionId: Types.ObjectId, table: TableDoc): Promise<void> {
  const orders = await Order.find({ tableSessionId }, { _id: 1 }).lean();
  await Promise.all(
    orders.map(async ({ _id }) => {
      const updated = await Order.findOneAndUpdate(
        { _id },
        {
          $set: { tableId: table._id, tableLabel: table.label },
          $push: { outbox: outboxEntry("order.changed", new Date()) },
        },
        { returnDocument: "after" },
      ).lean<OrderDoc>();
      if (updated) await services.orderChanges.deliver(updated);
    }),
  );
}

/**
 * `floor.moveSession`: moves an open session (its orders, payments and requests) to another
 * table of the restaurant that is active and free. The target is taken with a conditional
 * update of its `openSessionId` (only while active and free), then the session's `tableId`
 * changes under its version (undone on the target if the session closed meanwhile), then the
 * old table is freed (only while it still points at the session); both tables' cached code
 * lookups are dropped, the orders take the new table's label (`relabelOrders`: the kitchen
 * serves the table the guests are at) and the change is announced. Guests keep their tab under either table's
 * code for `tab.onUpdate` streams already open; new `tab.get` calls find it at the new table.
 * Returns the tab.
 * @throws NotFoundError for an unknown session or table, or another restaurant's;
 *   ConflictError when the session is closed, the target is the session's own table, inactive
 *   or occupied (nothing changes).
 */
export async function moveSession(services: Services, staff: StaffPrincipal, input: FloorMoveInput): Promise<TabView> {
  const session = await ownSession(staff, input.tableSessionId);
  const target = await Table.findById(input.toTableId).lean<TableDoc>();
  if (target?.restaurantId.toString() !== staff.restaurantId)
    throw new NotFoundError("That table doesn't exist (it may belong to another restaurant).");
  if (session.status !== "open") throw new ConflictError("This table's session has closed.");
  if (target._id.equals(session.tableId)) throw new ConflictError(`The guests are already at table ${target.label}.`);
  if (!target.active) throw new ConflictError(`Table ${target.label} is inactive. Choose another table.`);
  const taken = await Table.updateOne(
    { _id: target._id, active: true, openSessionId: null },
    { $set: { openSessionId: session._id } },
  );
  if (taken.modifiedCount !== 1)
    throw new ConflictError(`Table ${target.label} already has guests. Choose a free table.`);

  const written = await updateTableSession(session._id, (current) =>
    current.status === "open"
      ? { update: { $set: { tableId: target._id } }, result: current.tableId }
      : { update: null, result: null },
  );
  if (!written?.result) {
    await Table.updateOne({ _id: target._id, openSessionId: session._id }, { $set: { openSessionId: null } });
    throw new ConflictError("This table's session has closed.");
  }
  await Promise.all([
    releaseTable(services, { _id: session._id, tableId: written.result }),
    services.cache.delete({ key: cacheKeys.table(target.code) }),
    relabelOrders(services, session._id, target),
  ]);
  await announceTabChange(services, written.session);
  return sessionTabView(services, session._id, null);
}
