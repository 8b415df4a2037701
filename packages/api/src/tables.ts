import { Table, TableSession, type TableDoc } from "@tabletap/db";
import { TRPCError } from "@trpc/server";
import type { Types } from "mongoose";

/**
 * The active table a QR code names. @throws TRPCError NOT_FOUND "This table's code isn't valid"
 * for an unknown or deactivated code (the same answer for both, so codes can't be probed).
 */
export async function findActiveTable(code: string): Promise<TableDoc> {
  const table = await Table.findOne({ code, active: true }).lean<TableDoc>();
  if (!table) throw new TRPCError({ code: "NOT_FOUND", message: "This table's code isn't valid. Please scan the QR code on your table again." });
  return table;
}

/**
 * The table's open table session, opening one if there is none. At most one is open per table:
 * the claim is a conditional update on `Table.openSessionId`, and a loser of the race joins the
 * winner's session (no multi-document transaction needed).
 */
export async function openTableSession(table: TableDoc): Promise<Types.ObjectId> {
  if (table.openSessionId) return table.openSessionId;
  const session = await TableSession.create({ restaurantId: table.restaurantId, tableId: table._id });
  const claimed = await Table.updateOne({ _id: table._id, openSessionId: null }, { $set: { openSessionId: session._id } });
  if (claimed.modifiedCount === 1) return session._id;
  await TableSession.deleteOne({ _id: session._id });
  const current = await Table.findById(table._id).lean<TableDoc>();
  if (!current?.openSessionId) throw new Error(`Table ${table._id.toString()} lost its session claim`);
  return current.openSessionId;
}
