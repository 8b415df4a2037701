/**
 * The table's tab: one table session's counted orders, its payments' claims and its service
 * requests, read and computed in one place (`loadTab`, `tabStateOf`), with the rules every
 * writer of a session shares: who may see it (`memberOf`), closing it once it is paid
 * (`closeSessionIfSettled`) and telling the bills and the floor that it changed
 * (`announceTabChange`). The arithmetic is @tabletap/core/bill's.
 */
import { isTabSettled, type TabClaim, type TabState } from "@tabletap/core";
import { cacheKeys } from "@tabletap/cache";
import {
  Order,
  Payment,
  Table,
  TableSession,
  toOrderView,
  updateTableSession,
  type OrderDoc,
  type PaymentDoc,
  type TableSessionDoc,
} from "@tabletap/db";
import { publishTabChange } from "@tabletap/realtime";
import type { Types } from "mongoose";
import type { Services } from "../services";

/** A table session with everything its tab is computed from. */
export interface LoadedTab {
  session: TableSessionDoc;
  /** The session's orders (all statuses), oldest first. */
  orders: OrderDoc[];
  /** The session's payments (all statuses), oldest first. */
  payments: PaymentDoc[];
  /** What `computeTab` / `quoteSplit` take: the orders, the claims and the equal split. */
  state: TabState;
}

/** The orders of a table session (by the `{ tableSessionId: 1 }` index), oldest first. */
export async function sessionOrders(tableSessionId: Types.ObjectId | string): Promise<OrderDoc[]> {
  const orders = await Order.find({ tableSessionId }).lean<OrderDoc[]>();
  return orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * A table session, its orders and payments (one read each, by their `tableSessionId` indexes)
 * and its `TabState`; null when there is no such session. Any status: callers check `status`.
 */
export async function loadTab(tableSessionId: Types.ObjectId | string): Promise<LoadedTab | null> {
  const [session, orders, payments] = await Promise.all([
    TableSession.findById(tableSessionId).lean<TableSessionDoc>(),
    sessionOrders(tableSessionId),
    Payment.find({ tableSessionId }).lean<PaymentDoc[]>(),
  ]);
  if (!session) return null;
  payments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { session, orders, payments, state: tabStateOf(session, orders) };
}

/** A stored claim as @tabletap/core/bill's `TabClaim` (ids as strings, `expiresAt` ISO-8601 UTC). */
function toTabClaim(claim: TableSessionDoc["claims"][number]): TabClaim {
  return {
    paymentId: claim.paymentId.toString(),
    customerId: claim.customerId?.toString() ?? null,
    kind: claim.kind,
    lineIds: [...claim.lineIds],
    parts: claim.parts ?? null,
    partIndex: claim.partIndex ?? null,
    amounts: {
      subtotal: claim.amounts.subtotal,
      serviceCharge: claim.amounts.serviceCharge,
      tax: claim.amounts.tax,
    },
    tip: claim.tip,
    method: claim.method,
    status: claim.status,
    expiresAt: claim.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The `TabState` of a session and its orders (oldest first; every status: `computeTab` counts
 * all but the cancelled and rejected ones). Pure: use it inside an `updateTableSession` decision
 * on the session it read.
 */
export function tabStateOf(session: TableSessionDoc, orders: readonly OrderDoc[]): TabState {
  const equalSplit = session.equalSplit
    ? {
        parts: session.equalSplit.parts,
        base: {
          subtotal: session.equalSplit.base.subtotal,
          serviceCharge: session.equalSplit.base.serviceCharge,
          tax: session.equalSplit.base.tax,
        },
        lineIds: [...(session.equalSplit.lineIds ?? [])],
      }
    : null;
  return {
    orders: orders.map((order) => {
      const view = toOrderView(order);
      return {
        id: view.id,
        number: view.number,
        customerId: order.customerId.toString(),
        placedAt: view.placedAt,
        status: view.status,
        lines: view.lines,
        subtotal: view.subtotal,
        serviceCharge: view.serviceCharge,
        tax: view.tax,
      };
    }),
    claims: (session.claims ?? []).map(toTabClaim),
    equalSplit,
  };
}

/**
 * Whether the guest `customerId` may see the session's tab: they joined it (`customerIds`: they
 * opened the table's bill or called for service while it was open) or placed one of its orders.
 */
export function memberOf(session: TableSessionDoc, orders: readonly OrderDoc[], customerId: string): boolean {
  return (
    (session.customerIds ?? []).some((id) => id.toString() === customerId) ||
    orders.some((order) => order.customerId.toString() === customerId)
  );
}

/**
 * Tells the bills open at the session's table (`channels.tab`) and the staff's floor view
 * (`channels.floor`) that the session changed (`publishTabChange`). Never throws: it runs after
 * a write, and a lost signal only delays a view until its next change or refetch (logged).
 */
export async function announceTabChange(
  services: Services,
  session: Pick<TableSessionDoc, "_id" | "restaurantId">,
): Promise<void> {
  await publishTabChange(services.bus, {
    restaurantId: session.restaurantId.toString(),
    tableSessionId: session._id.toString(),
  }).catch((error: unknown) =>
    services.log.warn({ err: error, tableSessionId: session._id.toString() }, "could not announce a tab change"),
  );
}

/**
 * Frees the session's table for the next guests: `Table.openSessionId` → null, only while it
 * still points at this session (a conditional update: a session already moved or replaced
 * leaves the table alone), then drops the table's cached code lookup so the next order opens a
 * new session.
 */
export async function releaseTable(
  services: Services,
  session: Pick<TableSessionDoc, "_id" | "tableId">,
): Promise<void> {
  const table = await Table.findOneAndUpdate(
    { _id: session.tableId, openSessionId: session._id },
    { $set: { openSessionId: null } },
    { projection: { code: 1 } },
  ).lean();
  if (table) await services.cache.delete({ key: cacheKeys.table(table.code) });
}

/**
 * Closes the session if its bill is settled at `now` (`isTabSettled`: total > 0, nothing due,
 * no live claim pending): status "closed", `closedAt` = now, `closeReason` "paid", decided on a
 * fresh read under the session's `version` (so a claim made meanwhile keeps it open); then frees
 * the table (`releaseTable`) and announces the change. Idempotent: a closed session stays as it
 * is and answers false.
 * @returns true when this call closed it.
 */
export async function closeSessionIfSettled(
  services: Services,
  session: Pick<TableSessionDoc, "_id">,
  now: Date = new Date(),
): Promise<boolean> {
  const orders = await sessionOrders(session._id);
  const written = await updateTableSession(session._id, (current) =>
    current.status === "open" && isTabSettled(tabStateOf(current, orders), now)
      ? { update: { $set: { status: "closed", closedAt: now, closeReason: "paid" } }, result: true }
      : { update: null, result: false },
  );
  if (!written?.result) return false;
  await releaseTable(services, written.session);
  await announceTabChange(services, written.session);
  return true;
}
