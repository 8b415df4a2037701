import { tableMenuInput, type DietaryTag, type TableMenuView } from "@tabletap/core";
import { MenuCategory, MenuItem, Restaurant } from "@tabletap/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { findActiveTable } from "../tables";
import { publicProcedure } from "../trpc";

/** The guest-facing menu. */
export const menuRouter = {
  /**
   * The restaurant, table and live menu a table's QR code points at: categories in menu order,
   * each with its items (86'd items included with `available: false`, so guests see them greyed
   * out); prices in paise. Errors: NOT_FOUND "This table's code isn't valid" for an unknown or
   * inactive code.
   */
  forTable: publicProcedure.input(tableMenuInput).query(async ({ input }): Promise<TableMenuView> => {
    const table = await findActiveTable(input.tableCode);
    const [restaurant, categories, items] = await Promise.all([
      Restaurant.findById(table.restaurantId).lean(),
      MenuCategory.find({ restaurantId: table.restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
      MenuItem.find({ restaurantId: table.restaurantId }).sort({ sortOrder: 1, name: 1 }).lean(),
    ]);
    if (!restaurant) throw new Error(`Table ${table._id.toString()} has no restaurant`);
    return {
      restaurant: {
        id: restaurant._id.toString(),
        slug: restaurant.slug,
        name: restaurant.name,
        currency: restaurant.currency,
        taxBps: restaurant.taxBps,
        serviceChargeBps: restaurant.serviceChargeBps,
      },
      table: { id: table._id.toString(), label: table.label },
      categories: categories.map((category) => ({
        id: category._id.toString(),
        name: category.name,
        description: category.description ?? "",
        items: items
          .filter((item) => item.categoryId.equals(category._id))
          .map((item) => ({
            id: item._id.toString(),
            categoryId: category._id.toString(),
            name: item.name,
            description: item.description ?? "",
            price: item.price,
            imageUrl: item.imageUrl ?? null,
            dietaryTags: (item.dietaryTags ?? []) as DietaryTag[],
            allergens: item.allergens ?? [],
            available: item.available,
            modifierGroups: (item.modifierGroups ?? [])
              .map((group) => ({
                id: group._id.toString(),
                name: group.name,
                minSelect: group.minSelect,
                maxSelect: group.maxSelect,
                options: (group.options ?? [])
                  .filter((option) => option.available)
                  .map((option) => ({ id: option._id.toString(), name: option.name, priceDelta: option.priceDelta })),
              })),
          })),
      })),
    };
  }),
} satisfies TRPCRouterRecord;
