/**
 * The table's tab: one table session's counted orders, its payments' claims and its service
 * requests, read and computed in one place (`loadTab`, `tabStateOf`), with the rules every
 * writer of a session shares: who may see it (`memberOf`), closing it once it is paid
 * (`closeSessionIfSettled`) and telling the bills and the floor that it changed
 * (`announceTabChange`). The arithmetic is @tabletap/core/bill's.
 */
import {
  computeTab,
  equalPartTotals,
  isServiceRequestVisible,
  isTabSettled,
  type PersonLabel,
  type ServiceRequestView,
  type TabClaim,
  type TabPaymentView,
  type TabState,
  type TabInput,
  type TabSubscriptionInput,
  type TabView,
} from "@tabletap/core";
import { cacheKeys } from "@tabletap/cache";
import {
  Customer,
  Order,
  Payment,
  Staff,
  Table,
  TableSession,
  toOrderView,
  updateTableSession,
  type OrderDoc,
  type PaymentDoc,
  type TableSessionDoc,
} from "@tabletap/db";
import { channels, publishTabChange, streamKey, type BusEvent } from "@tabletap/realtime";
import { Types } from "mongoose";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import type { GuestPrincipal } from "../trpc";
import { restaurantMenu } from "./menu";
import { findActiveTable } from "./tables";

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
 * Adds a guest who is ordering to the session's members (`customerIds`, so labels follow join
 * order), in one conditional update that matches only while they are not a member yet (and
 * then increments `version`, as every member write does); nothing is written for a member. The
 * order's own change announces the tab.
 */
export async function joinAsOrderer(tableSessionId: Types.ObjectId, customerId: string): Promise<void> {
  const id = new Types.ObjectId(customerId);
  await TableSession.updateOne(
    { _id: tableSessionId, customerIds: { $ne: id } },
    { $push: { customerIds: id }, $inc: { version: 1 } },
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

/** A service request as stored on the session. */
type StoredRequest = TableSessionDoc["requests"][number];

/** A stored service request as its view; `mine` when `viewerId` (a guest) made it. */
export function toServiceRequestView(request: StoredRequest, viewerId: string | null): ServiceRequestView {
  return {
    id: request._id.toString(),
    kind: request.kind,
    status: request.status,
    createdAt: request.createdAt.toISOString(),
    acknowledgedAt: request.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: request.resolvedAt?.toISOString() ?? null,
    mine: viewerId !== null && request.customerId.toString() === viewerId,
  };
}

/** The session's requests the tab and the floor show at `now` (`isServiceRequestVisible`), oldest first. */
export function visibleRequests(session: TableSessionDoc, viewerId: string | null, now: Date): ServiceRequestView[] {
  return (session.requests ?? [])
    .map((request) => toServiceRequestView(request, viewerId))
    .filter((request) => isServiceRequestVisible(request, now));
}

/** The session's guests in join order: `customerIds` first, then those who ordered without joining, by their first order. */
export function guestsInJoinOrder(session: TableSessionDoc, orders: readonly OrderDoc[]): string[] {
  const ids = (session.customerIds ?? []).map((id) => id.toString());
  for (const order of orders) ids.push(order.customerId.toString());
  return [...new Set(ids)];
}

/**
 * Who is who on a tab: each guest's label (their profile name, else "Guest N", N their place
 * in join order, from 1) and each recording staff member's name, by id. Two reads by `_id`.
 */
export async function tabPeople(
  session: TableSessionDoc,
  orders: readonly OrderDoc[],
  payments: readonly PaymentDoc[],
): Promise<Map<string, string>> {
  const guests = guestsInJoinOrder(session, orders);
  for (const payment of payments) {
    const id = payment.customerId?.toString();
    if (id && !guests.includes(id)) guests.push(id);
  }
  const staffIds = payments.flatMap((payment) =>
    !payment.customerId && payment.recordedBy ? [payment.recordedBy] : [],
  );
  const [customers, staff] = await Promise.all([
    guests.length > 0 ? Customer.find({ _id: { $in: guests } }, { name: 1 }).lean() : [],
    staffIds.length > 0 ? Staff.find({ _id: { $in: staffIds } }, { name: 1 }).lean() : [],
  ]);
  const names = new Map(customers.map((customer) => [customer._id.toString(), customer.name?.trim() ?? ""]));
  const people = new Map(guests.map((id, index) => [id, names.get(id) || `Guest ${index + 1}`]));
  for (const member of staff) people.set(member._id.toString(), member.name);
  return people;
}

/** The label of guest `customerId` (or, with none, of the staff member who recorded it) for `viewerId`. */
function personLabel(
  people: ReadonlyMap<string, string>,
  customerId: string | null,
  recordedBy: string | null,
  viewerId: string | null,
): PersonLabel {
  if (customerId) return { label: people.get(customerId) ?? "A guest", mine: customerId === viewerId };
  return { label: (recordedBy && people.get(recordedBy)) || "Staff", mine: false };
}

/**
 * A payment as `viewerId` (a guest; null for staff) sees it, paid by `payer`. Only the payer
 * sees its receipt link (`receiptToken`, once it is paid): the token is the receipt's only key.
 */
export function paymentView(payment: PaymentDoc, payer: PersonLabel, viewerId: string | null): TabPaymentView {
  const own = viewerId !== null && payment.customerId?.toString() === viewerId;
  return {
    id: payment._id.toString(),
    payer,
    kind: payment.kind,
    parts: payment.parts ?? null,
    partIndex: payment.partIndex ?? null,
    method: payment.method,
    counterMethod: payment.counterMethod ?? null,
    amount: payment.amount,
    tip: payment.tip,
    total: payment.total,
    status: payment.status,
    createdAt: payment.createdAt.toISOString(),
    paidAt: payment.paidAt?.toISOString() ?? null,
    receiptToken: own && payment.status === "paid" ? (payment.receipt?.token ?? null) : null,
  };
}

/** A payment as the tab shows it; `payer.mine` when `viewerId` (a guest) pays it. People from `tabPeople`. */
function toTabPaymentView(
  payment: PaymentDoc,
  people: ReadonlyMap<string, string>,
  viewerId: string | null,
): TabPaymentView {
  const payer = personLabel(
    people,
    payment.customerId?.toString() ?? null,
    payment.recordedBy?.toString() ?? null,
    viewerId,
  );
  return paymentView(payment, payer, viewerId);
}

/** The restaurant's figures a tab shows: currency (ISO 4217), GST and service charge (basis points). */
interface TabRestaurant {
  currency: string;
  taxBps: number;
  serviceChargeBps: number;
}

/** The tab of a table with no open session. */
function emptyTabView(table: { label: string }, restaurant: TabRestaurant): TabView {
  const { currency, taxBps, serviceChargeBps } = restaurant;
  return { table: { label: table.label }, session: null, currency, taxBps, serviceChargeBps };
}

/**
 * A session's `TabView` at `now` as `viewerId` sees it (a guest; null for staff: nothing is
 * `mine`): its counted orders as rounds (oldest first) with each line's share and coverage,
 * the totals (`computeTab`), its payments except cancelled ones, the equal split under way
 * with each part's total, and the visible service requests. Amounts in paise.
 */
async function toTabView(
  loaded: LoadedTab,
  table: { label: string },
  restaurant: TabRestaurant,
  viewerId: string | null,
  now: Date = new Date(),
): Promise<TabView> {
  const { session, orders, payments, state } = loaded;
  const tab = computeTab(state, now);
  const people = await tabPeople(session, orders, payments);
  const lines = new Map(tab.lines.map((line) => [line.lineId, line]));
  const rounds = state.orders.flatMap((order) => {
    const shares = order.lines.flatMap((line, index) => {
      const computed = lines.get(`${order.id}:${index}`);
      return computed
        ? [{ ...line, lineId: computed.lineId, amounts: computed.amounts, coveredBy: computed.coveredBy }]
        : [];
    });
    if (shares.length === 0) return [];
    return [
      {
        orderId: order.id,
        number: order.number,
        placedAt: order.placedAt,
        status: order.status,
        guest: personLabel(people, order.customerId, null, viewerId),
        lines: shares,
        subtotal: order.subtotal,
        serviceCharge: order.serviceCharge,
        tax: order.tax,
        total: order.subtotal + order.serviceCharge + order.tax,
      },
    ];
  });
  const split = tab.equalSplit;
  return {
    ...emptyTabView(table, restaurant),
    session: {
      id: session._id.toString(),
      status: session.status,
      openedAt: session.openedAt.toISOString(),
      guests: guestsInJoinOrder(session, orders).length,
      rounds,
      totals: tab.totals,
      payments: payments
        .filter((payment) => payment.status !== "cancelled")
        .map((payment) => toTabPaymentView(payment, people, viewerId)),
      equalSplit: split
        ? {
            parts: split.parts,
            partsTaken: tab.equalPartsTaken,
            partAmount: equalPartTotals(split),
          }
        : null,
      requests: visibleRequests(session, viewerId, now),
    },
  };
}

/** What a guest is told about a tab they may not see, or one that is not open (the same answer, so sessions can't be probed). */
const NO_OPEN_BILL = "There's no open bill at this table.";

/** The restaurant's tab figures, from its cached menu (`restaurantMenu`). */
async function tabRestaurant(services: Services, restaurantId: string): Promise<TabRestaurant> {
  const { restaurant } = await restaurantMenu(services, restaurantId);
  return { currency: restaurant.currency, taxBps: restaurant.taxBps, serviceChargeBps: restaurant.serviceChargeBps };
}

/**
 * The id of the table's open session, read from the database (not the cached code lookup,
 * which may trail a session that just opened or closed by a moment); null when none is open.
 */
async function openSessionIdOf(tableId: string): Promise<Types.ObjectId | null> {
  const table = await Table.findById(tableId, { openSessionId: 1 }).lean();
  return table?.openSessionId ?? null;
}

/**
 * `tab.get`: the tab of the table the QR code names, as the signed-in guest sees it. When the
 * table has an open session the guest joins it (`customerIds`, `$addToSet` under the session's
 * version; announced when it is new), since being signed in at the table's page is being at the
 * table; with none it answers the empty tab (`session: null`) and opens nothing.
 * @throws NotFoundError for an unknown or inactive table code.
 */
export async function guestTab(services: Services, guest: GuestPrincipal, input: TabInput): Promise<TabView> {
  const table = await findActiveTable(services, input.tableCode);
  const [sessionId, restaurant] = await Promise.all([
    openSessionIdOf(table.id),
    tabRestaurant(services, table.restaurantId),
  ]);
  if (sessionId) {
    const joined = await joinSession(services, sessionId, guest.customerId);
    if (joined) {
      const loaded = await loadTab(sessionId);
      if (loaded?.session.status === "open") return toTabView(loaded, table, restaurant, guest.customerId);
    }
  }
  return emptyTabView(table, restaurant);
}

/**
 * Adds the guest to the session's members (`customerIds`) while it is open, under its version
 * (`updateTableSession`); announces the change when they are new.
 * @returns the session as written (or as read when they were a member already), null when it
 *   is missing or closed.
 */
async function joinSession(
  services: Services,
  tableSessionId: Types.ObjectId | string,
  customerId: string,
): Promise<TableSessionDoc | null> {
  const written = await updateTableSession(tableSessionId, (session) => {
    if (session.status !== "open") return { update: null, result: "closed" as const };
    if ((session.customerIds ?? []).some((id) => id.toString() === customerId))
      return { update: null, result: "member" as const };
    return { update: { $addToSet: { customerIds: new Types.ObjectId(customerId) } }, result: "joined" as const };
  });
  if (!written || written.result === "closed") return null;
  if (written.result === "joined") await announceTabChange(services, written.session);
  return written.session;
}

/** The id of the newest event on `channel`'s stream, "0-0" when it has none. */
async function newestEventId(services: Services, channel: string): Promise<string> {
  const [newest] = await services.redis.xrevrange(streamKey(channel), "+", "-", "COUNT", 1);
  return newest?.[0] ?? "0-0";
}

/**
 * A view kept live by a payload-free change channel (`channels.tab`, `channels.floor`): yields
 * `render()` at once, then again after each change signal, each with an event id (the first
 * with the channel's newest id, read before rendering, so no change after it is missed); ends
 * after yielding a view `isLast` accepts, or when `signal` aborts. A reconnecting client gets
 * the current view first whatever its `lastEventId`, so nothing it missed matters.
 */
export async function* liveViews<V>(
  services: Services,
  channel: string,
  render: () => Promise<V>,
  isLast: (view: V) => boolean,
  signal?: AbortSignal,
): AsyncGenerator<BusEvent<V>, void, undefined> {
  const head = await newestEventId(services, channel);
  const changes = services.bus.subscribe(channel, { lastEventId: head, signal });
  let view = await render();
  yield { id: head, payload: view };
  if (isLast(view)) return;
  for await (const change of changes) {
    view = await render();
    yield { id: change.id, payload: view };
    if (isLast(view)) return;
  }
}

/**
 * A session's tab as `viewerId` sees it (null: staff), at its table now (after a move, the new
 * one). @throws NotFoundError when the session does not exist.
 */
export async function sessionTabView(
  services: Services,
  tableSessionId: Types.ObjectId | string,
  viewerId: string | null,
): Promise<TabView> {
  const loaded = await loadTab(tableSessionId);
  if (!loaded) throw new NotFoundError(NO_OPEN_BILL);
  const [table, restaurant] = await Promise.all([
    Table.findById(loaded.session.tableId, { label: 1 }).lean(),
    tabRestaurant(services, loaded.session.restaurantId.toString()),
  ]);
  return toTabView(loaded, { label: table?.label ?? "" }, restaurant, viewerId);
}

/**
 * `tab.onUpdate`: the tab of the table's open session as the guest sees it, live: the current
 * view at once, then a fresh one after every change of the session (an order or its status, a
 * payment, a service request, a guest joining; `channels.tab`), each with an event id. Ends
 * after yielding the view of the closed session (paid, or closed empty by staff), or when
 * `signal` aborts. The guest must be a member of the session (`memberOf`).
 * @throws NotFoundError "There's no open bill at this table." when the table has no open
 *   session or the guest is not its member; NotFoundError for an unknown or inactive code.
 */
export async function followGuestTab(
  services: Services,
  guest: GuestPrincipal,
  input: TabSubscriptionInput,
  signal?: AbortSignal,
): Promise<AsyncIterable<BusEvent<TabView>>> {
  const table = await findActiveTable(services, input.tableCode);
  const sessionId = await openSessionIdOf(table.id);
  const loaded = sessionId ? await loadTab(sessionId) : null;
  if (loaded?.session.status !== "open" || !memberOf(loaded.session, loaded.orders, guest.customerId))
    throw new NotFoundError(NO_OPEN_BILL);
  return liveViews(
    services,
    channels.tab(loaded.session._id.toString()),
    () => sessionTabView(services, loaded.session._id, guest.customerId),
    (view) => view.session?.status !== "open",
    signal,
  );
}
