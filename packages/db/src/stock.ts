/**
 * Taking and returning counted portions of menu items (`stock`, see `STOCK_POLICY` in
 * @tabletap/core/stock). Each change is one conditional update of one item, atomic on MongoDB
 * and on the local stand-in (mongo-java-server applies a single-document update under its
 * collection's lock; docs/PERFORMANCE.md), so concurrent orders never take more than is left.
 */
import type { Types } from "mongoose";
import { MenuItem } from "./models";

/** Portions of one counted item an order takes (the sum of its lines of that item). */
export interface StockTake {
  menuItemId: string;
  quantity: number;
}

/** What `takeStock` did: every take made (`soldOut`: the items it 86'd at 0), or the first item it could not take. */
export type StockTakeResult = { ok: true; soldOut: string[] } | { ok: false; menuItemId: string };

/**
 * Takes every `takes` entry from the restaurant's counted items, all or nothing: each is one
 * `$inc` of `-quantity` guarded by `stock ≥ quantity` and `available` (run in parallel); when
 * any fails (not enough left, 86'd, not counted any more) the takes that succeeded are given
 * back and nothing is 86'd. An item left at 0 is 86'd (`available: false`) with a second
 * update guarded by `stock: 0` (a portion given back in between keeps it on).
 */
export async function takeStock(restaurantId: Types.ObjectId | string, takes: StockTake[]): Promise<StockTakeResult> {
  const results = await Promise.all(
    takes.map(({ menuItemId, quantity }) =>
      MenuItem.findOneAndUpdate(
        { _id: menuItemId, restaurantId, available: true, stock: { $gte: quantity } },
        { $inc: { stock: -quantity } },
        { returnDocument: "after", projection: { stock: 1 } },
      ).lean(),
    ),
  );
  const failed = takes.find((_, i) => !results[i]);
  if (failed) {
    await returnStock(
      restaurantId,
      takes.filter((_, i) => results[i]),
    );
    return { ok: false, menuItemId: failed.menuItemId };
  }
  const emptied = takes.filter((_, i) => results[i]?.stock === 0).map((take) => take.menuItemId);
  if (emptied.length === 0) return { ok: true, soldOut: [] };
  await MenuItem.updateMany({ _id: { $in: emptied }, restaurantId, stock: 0 }, { $set: { available: false } });
  return { ok: true, soldOut: emptied };
}

/**
 * Gives portions back to the restaurant's items that are still counted (an order refused after
 * its take, rejected or cancelled before it was ready). Availability is left as it is: an item
 * 86'd at 0 comes back when staff bring it back (`kitchen.setAvailability`) or set a count.
 */
export async function returnStock(restaurantId: Types.ObjectId | string, takes: StockTake[]): Promise<void> {
  if (takes.length === 0) return;
  await MenuItem.bulkWrite(
    takes.map(({ menuItemId, quantity }) => ({
      updateOne: {
        filter: { _id: menuItemId, restaurantId, stock: { $ne: null } },
        update: { $inc: { stock: quantity } },
      },
    })),
  );
}

/** An order's portions per item (lines of the same item summed), in first-line order. */
export function stockTakes(lines: readonly { menuItemId: { toString(): string }; quantity: number }[]): StockTake[] {
  const byItem = new Map<string, number>();
  for (const line of lines) {
    const id = line.menuItemId.toString();
    byItem.set(id, (byItem.get(id) ?? 0) + line.quantity);
  }
  return [...byItem].map(([menuItemId, quantity]) => ({ menuItemId, quantity }));
}
