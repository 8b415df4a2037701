import { Table, TableSession, type TableDoc } from "@tabletap/db";
import { withLock, type Redis } from "@tabletap/redis";
import type { Types } from "mongoose";
import { NotFoundError } from "../errors";

/**
 * The active table a QR code names. @throws NotFoundError "This table's code isn't valid" for an
 * unknown or deactivated code (the same answer for both, so codes can't be probed).
 */
export async function findActiveTable(code: string): Promise<TableDoc> {
  const table = await Table.findOne({ code, active: true }).lean<TableDoc>();
  if (!table) throw new NotFoundError("This table's code isn't valid. Please scan the QR code on your table again.");
  return table;
}

/**
 * The table's open table session, opening one if there is none. At most one is open per table:
 * the check and the claim (`Table.openSessionId`) run under the table's Redis lock, so guests
 * ordering at the same moment join one session (no multi-document transaction needed).
 */
export async function openTableSession(redis: Redis, table: TableDoc): Promise<Types.ObjectId> {
  if (table.openSessionId) return table.openSessionId;
  return withLock(redis, `table:${table._id.toString()}`, async () => {
    const current = await Table.findById(table._id).lean<TableDoc>();
    if (current?.openSessionId) return current.openSessionId;
    const session = await TableSession.create({ restaurantId: table.restaurantId, tableId: table._id });
    await Table.updateOne({ _id: table._id }, { $set: { openSessionId: session._id } });
    return session._id;
  });
}
