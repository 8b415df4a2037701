import { CACHE_TTL, cacheKeys, cacheTags } from "@tabletap/cache";
import { loadTableByCode, Table, TableSession, type TableRef } from "@tabletap/db";
import { Types } from "mongoose";
import { NotFoundError } from "../errors";
import type { Services } from "../services";

/**
 * The active table a QR code names, read through the cache (`cacheKeys.table`, unknown codes
 * remembered too). @throws NotFoundError "This table's code isn't valid" for an unknown or
 * deactivated code (the same answer for both, so codes can't be probed).
 */
export async function findActiveTable(services: Services, code: string): Promise<TableRef> {
  const table = await services.cache.getOrSet({
    key: cacheKeys.table(code),
    ttl: CACHE_TTL.table,
    factory: async (ctx) => {
      const found = await loadTableByCode(code);
      if (found) ctx.setTags([cacheTags.restaurant(found.restaurantId)]);
      return found;
    },
  });
  if (!table?.active)
    throw new NotFoundError("This table's code isn't valid. Please scan the QR code on your table again.");
  return table;
}

/**
 * The table's open table session, opening one if there is none. At most one is open per table:
 * the new session is claimed with a conditional update of `Table.openSessionId` (only while it is
 * still null, atomic on MongoDB), so guests ordering at the same moment join one session; a
 * claim that lost removes its unused session and joins the winner's. The table's cache entry is
 * dropped after a claim.
 */
export async function openTableSession(services: Services, table: TableRef, code: string): Promise<Types.ObjectId> {
  if (table.openSessionId) return new Types.ObjectId(table.openSessionId);
  const session = await TableSession.create({ restaurantId: table.restaurantId, tableId: table.id });
  const claimed = await Table.updateOne(
    { _id: table.id, openSessionId: null },
    { $set: { openSessionId: session._id } },
  );
  await services.cache.delete({ key: cacheKeys.table(code) });
  if (claimed.modifiedCount === 1) return session._id;
  await TableSession.deleteOne({ _id: session._id });
  const current = await Table.findById(table.id, { openSessionId: 1 }).lean();
  if (!current?.openSessionId) throw new Error(`Table ${table.id} lost its table session while opening one`);
  return current.openSessionId;
}
