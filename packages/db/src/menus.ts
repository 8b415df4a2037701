import { MenuCategory, MenuItem, Restaurant, Table, type TableDoc } from "./models";
import { toRestaurantMenu, toTableRef, type MediaLocation, type RestaurantMenu, type TableRef } from "./views";

/**
 * The restaurant's live menu from the database (categories and items by `sortOrder`, then name),
 * or null for an unknown restaurant; photo URLs under `media.mediaBaseUrl`. Callers read it
 * through the cache (`cacheKeys.menu`).
 */
export async function loadRestaurantMenu(restaurantId: string, media: MediaLocation): Promise<RestaurantMenu | null> {
  const [restaurant, categories, items] = await Promise.all([
    Restaurant.findById(restaurantId).lean(),
    MenuCategory.find({ restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
    MenuItem.find({ restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
  ]);
  return restaurant ? toRestaurantMenu(restaurant, categories, items, media) : null;
}

/**
 * The table a QR code names, active or not, or null for an unknown code: a lookup by the unique
 * `code` index alone (the local MongoDB stand-in uses an index only when the filter is exactly its
 * keys). Callers read it through the cache (`cacheKeys.table`).
 */
export async function loadTableByCode(code: string): Promise<TableRef | null> {
  const table = await Table.findOne({ code }).lean<TableDoc>();
  return table ? toTableRef(table) : null;
}
