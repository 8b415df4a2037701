import { maskPhone, ORDER_EXITS } from "@tabletap/core";
import {
  tableGuestUrl,
  type AdminTablesView,
  type AdminTableView,
  type OpenTableSessionView,
  type SaveTableInput,
  type TableIdInput,
  type TableQrCardsInput,
  type TableQrCardsView,
} from "@tabletap/core/tables-admin";
import {
  Customer,
  isDuplicateKeyError,
  newTableCode,
  Order,
  Restaurant,
  Table,
  TableSession,
  type TableDoc,
} from "@tabletap/db";
import { Types } from "mongoose";
import { ConflictError, NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { closeEmptySession } from "./floor";
import { restaurantChanged } from "./menu";

/** Labels in the order people count them: "T2" before "T10", case ignored. */
const labelOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** The fields a manager edits, as the audit log records them. */
function auditFields(table: Pick<TableDoc, "label" | "seats" | "active">) {
  return { label: table.label, seats: table.seats, active: table.active };
}

function toAdminTableView(
  services: Services,
  table: TableDoc,
  openSession: OpenTableSessionView | null,
): AdminTableView {
  return {
    id: table._id.toString(),
    label: table.label,
    seats: table.seats,
    active: table.active,
    code: table.code,
    guestUrl: tableGuestUrl(services.env.GUEST_APP_URL, table.code),
    openSession,
  };
}

/** The manager's table `tableId`. @throws NotFoundError when it is unknown or another restaurant's. */
async function ownTable(manager: StaffPrincipal, tableId: string): Promise<TableDoc> {
  const table = await Table.findOne({ _id: tableId, restaurantId: manager.restaurantId }).lean<TableDoc>();
  if (!table) throw new NotFoundError("That table doesn't exist (it may belong to another restaurant).");
  return table;
}

/** Escapes `text` for use as a literal inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** @throws ConflictError on field "label" when another table of the restaurant has `label` (case ignored). */
async function assertLabelFree(manager: StaffPrincipal, label: string, exceptId?: Types.ObjectId): Promise<void> {
  const taken = await Table.exists({
    restaurantId: manager.restaurantId,
    label: { $regex: `^${escapeRegExp(label)}$`, $options: "i" },
    ...(exceptId ? { _id: { $ne: exceptId } } : {}),
  });
  if (taken) throw labelConflict(label);
}

function labelConflict(label: string): ConflictError {
  return new ConflictError(`There's already a table called "${label}"`, "label");
}

/**
 * The open table sessions of `tables`, by session id: when each opened, the guests who ordered
 * (first to order first) and the count and total (paise) of its orders, cancelled and rejected
 * ones not counted. Three indexed reads whatever the number of tables: the sessions by `_id`,
 * one aggregation of their orders (index `tableSessionId`) grouped by session and guest, and
 * the guests by `_id`.
 */
async function openSessions(manager: StaffPrincipal, tables: TableDoc[]): Promise<Map<string, OpenTableSessionView>> {
  const sessionIds = tables.flatMap((table) => (table.openSessionId ? [table.openSessionId] : []));
  if (sessionIds.length === 0) return new Map();
  const [sessions, groups] = await Promise.all([
    TableSession.find({ _id: { $in: sessionIds }, restaurantId: manager.restaurantId, status: "open" }, { openedAt: 1 })
      .lean()
      .exec(),
    Order.aggregate<{
      _id: { session: Types.ObjectId; customer: Types.ObjectId };
      orders: number;
      total: number;
      firstAt: Date;
    }>([
      {
        $match: {
          tableSessionId: { $in: sessionIds },
          restaurantId: new Types.ObjectId(manager.restaurantId),
          status: { $nin: [...ORDER_EXITS] },
        },
      },
      {
        $group: {
          _id: { session: "$tableSessionId", customer: "$customerId" },
          orders: { $sum: 1 },
          total: { $sum: "$total" },
          firstAt: { $min: "$createdAt" },
        },
      },
      { $sort: { firstAt: 1 } },
    ]).exec(),
  ]);
  const customers = await Customer.find(
    { _id: { $in: groups.map((group) => group._id.customer) } },
    { name: 1, phone: 1 },
  )
    .lean()
    .exec();
  const customerName = new Map(customers.map((c) => [c._id.toString(), c.name?.trim() || maskPhone(c.phone)]));
  const views = new Map<string, OpenTableSessionView>(
    sessions.map((session) => [
      session._id.toString(),
      { id: session._id.toString(), openedAt: session.openedAt.toISOString(), guests: [], orders: 0, total: 0 },
    ]),
  );
  for (const group of groups) {
    const view = views.get(group._id.session.toString());
    if (!view) continue;
    const customerId = group._id.customer.toString();
    view.guests.push({
      customerId,
      displayName: customerName.get(customerId) ?? "A former guest",
      orders: group.orders,
      total: group.total,
    });
    view.orders += group.orders;
    view.total += group.total;
  }
  return views;
}

/**
 * `admin.tables.list`: every table of the manager's restaurant (active or not), by label in
 * counting order ("T2" before "T10"), each with its QR link and its open table session (since
 * when, who ordered, orders and total so far in paise; null when nobody sits there), and the
 * restaurant's currency (ISO 4217). A constant number of indexed reads (see `openSessions`).
 */
export async function adminTables(services: Services, manager: StaffPrincipal): Promise<AdminTablesView> {
  const [restaurant, tables] = await Promise.all([
    Restaurant.findById(manager.restaurantId, { currency: 1 }).lean().exec(),
    Table.find({ restaurantId: manager.restaurantId }).lean<TableDoc[]>().exec(),
  ]);
  const sessions = await openSessions(manager, tables);
  return {
    currency: restaurant?.currency ?? "INR",
    tables: tables
      .sort((a, b) => labelOrder.compare(a.label, b.label))
      .map((table) => toAdminTableView(services, table, sessions.get(table.openSessionId?.toString() ?? "") ?? null)),
  };
}

/** Closes the deactivated table's open session if its tab is empty (`closeEmptySession`); one with orders or payments stays. */
async function closeIfEmpty(services: Services, manager: StaffPrincipal, sessionId: Types.ObjectId): Promise<void> {
  await closeEmptySession(services, { _id: sessionId }, manager.staffId).catch((error: unknown) => {
    if (!(error instanceof ConflictError)) throw error;
  });
}

/**
 * `admin.tables.save`: creates a table (a new unguessable code, `newTableCode`; active unless
 * `active` is false) when `input.id` is absent; else renames it, sets its seats and, when
 * `active` is given, deactivates or reactivates it (an inactive table's QR code answers "not
 * valid" at once; its open session closes if nothing is on its tab, `closeEmptySession`, and
 * one with orders or payments stays open for staff to settle). Records the change in the audit
 * log ("create", "update", "deactivate" or "reactivate") and calls `restaurantChanged` (the
 * cached code lookups go). Returns the table.
 * @throws NotFoundError for an unknown table or another restaurant's.
 * @throws ConflictError (field "label") when another table of the restaurant has the label, case
 *   ignored; nothing is changed.
 */
export async function saveTable(
  services: Services,
  manager: StaffPrincipal,
  input: SaveTableInput,
): Promise<AdminTableView> {
  const before = input.id ? await ownTable(manager, input.id) : null;
  await assertLabelFree(manager, input.label, before?._id);
  const fields = { label: input.label, seats: input.seats, active: input.active ?? before?.active ?? true };
  let saved: TableDoc;
  try {
    if (before) {
      await Table.updateOne({ _id: before._id, restaurantId: manager.restaurantId }, { $set: fields });
      saved = { ...before, ...fields };
    } else {
      saved = (await Table.create({ restaurantId: manager.restaurantId, code: newTableCode(), ...fields })).toObject();
    }
  } catch (error) {
    // Another save took the label between the check and the write (the unique index refused it).
    if (isDuplicateKeyError(error)) throw labelConflict(input.label);
    throw error;
  }
  const action = !before
    ? "create"
    : before.active !== fields.active
      ? fields.active
        ? "reactivate"
        : "deactivate"
      : "update";
  if (action === "deactivate" && before?.openSessionId) await closeIfEmpty(services, manager, before.openSessionId);
  await recordChange(manager, {
    entity: "table",
    entityId: saved._id.toString(),
    action,
    before: before ? auditFields(before) : null,
    after: auditFields(saved),
  });
  await restaurantChanged(services, manager.restaurantId);
  return toAdminTableView(services, saved, null);
}

/**
 * `admin.tables.regenerateCode`: gives the table a new unguessable code (`newTableCode`). The old
 * code answers NOT_FOUND ("not valid") from then on: its cached lookup is dropped with the
 * restaurant's (`restaurantChanged`), so printed QR codes of the table stop working at once.
 * Records "regenerateCode" (before/after: the code) in the audit log. Returns the table.
 * @throws NotFoundError for an unknown table or another restaurant's.
 */
export async function regenerateTableCode(
  services: Services,
  manager: StaffPrincipal,
  input: TableIdInput,
): Promise<AdminTableView> {
  const table = await ownTable(manager, input.tableId);
  const code = newTableCode();
  await Table.updateOne({ _id: table._id, restaurantId: manager.restaurantId }, { $set: { code } });
  await recordChange(manager, {
    entity: "table",
    entityId: table._id.toString(),
    action: "regenerateCode",
    before: { code: table.code },
    after: { code },
  });
  await restaurantChanged(services, manager.restaurantId);
  return toAdminTableView(services, { ...table, code }, null);
}

/**
 * `admin.tables.qrCards`: what the printed QR cards and the downloads show: the restaurant's
 * name and, for `input.tableId`, that table's card (active or not), else the cards of every
 * active table, by label in counting order.
 * @throws NotFoundError for an unknown table or another restaurant's.
 */
export async function tableQrCards(
  services: Services,
  manager: StaffPrincipal,
  input: TableQrCardsInput,
): Promise<TableQrCardsView> {
  const [restaurant, tables] = await Promise.all([
    Restaurant.findById(manager.restaurantId, { name: 1 }).lean().exec(),
    input.tableId
      ? ownTable(manager, input.tableId).then((table) => [table])
      : Table.find({ restaurantId: manager.restaurantId, active: true }).lean<TableDoc[]>().exec(),
  ]);
  if (!restaurant) throw new NotFoundError("Your restaurant no longer exists.");
  return {
    restaurantName: restaurant.name,
    cards: tables
      .sort((a, b) => labelOrder.compare(a.label, b.label))
      .map((table) => ({
        tableId: table._id.toString(),
        label: table.label,
        guestUrl: tableGuestUrl(services.env.GUEST_APP_URL, table.code),
      })),
  };
}
