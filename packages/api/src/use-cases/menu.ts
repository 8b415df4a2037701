import type { TableMenuInput, TableMenuView } from "@tabletap/core";
import { MenuCategory, MenuItem, Restaurant, toTableMenuView } from "@tabletap/db";
import { findActiveTable } from "./tables";

/**
 * The restaurant, table and live menu a table's QR code points at (see `toTableMenuView`):
 * categories and items by `sortOrder`, then name. @throws NotFoundError for an unknown or inactive code.
 */
export async function tableMenu(input: TableMenuInput): Promise<TableMenuView> {
  const table = await findActiveTable(input.tableCode);
  const [restaurant, categories, items] = await Promise.all([
    Restaurant.findById(table.restaurantId).lean(),
    MenuCategory.find({ restaurantId: table.restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
    MenuItem.find({ restaurantId: table.restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
  ]);
  if (!restaurant) throw new Error(`Table ${table._id.toString()} has no restaurant`);
  return toTableMenuView(restaurant, table, categories, items);
}
