import {
  deleteCategoryInput,
  deleteItemInput,
  reorderCategoriesInput,
  saveCategoryInput,
  saveItemInput,
  setAvailabilityInput,
} from "@tabletap/core/menu-admin";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import {
  adminMenu,
  deleteCategory,
  deleteItem,
  reorderCategories,
  saveCategory,
  saveItem,
  setAvailability,
} from "../../use-cases/menu-admin";

/**
 * The menu editor of the manager's restaurant. Money in integer paise. Every procedure: FORBIDDEN
 * for staff who are not managers; bad input is BAD_REQUEST with a human message (and `fieldErrors`)
 * and changes nothing. Every write is recorded in the audit log and reaches guests at once (the
 * cached menu is dropped and open guest menus refetch).
 */
export const adminMenuRouter = {
  /**
   * Every category (by sort order, then name) with every item, 86'd items and unavailable options
   * included, and the kitchen stations in use: `AdminMenuView`.
   */
  list: managerProcedure.query(({ ctx }) => adminMenu(ctx.services, ctx.staff)),

  /**
   * Creates a category (no `id`; without `sortOrder` it goes last) or updates one. Returns the
   * category (`AdminCategoryView`). Errors: NOT_FOUND for an `id` of another restaurant (or none);
   * CONFLICT (field "name") for a name another category has.
   */
  saveCategory: managerProcedure
    .input(saveCategoryInput)
    .mutation(({ ctx, input }) => saveCategory(ctx.services, ctx.staff, input)),

  /**
   * Deletes an empty category; returns `{ id }`. Errors: NOT_FOUND for another restaurant's (or an
   * unknown) category; CONFLICT ("… still holds N items") while it holds items.
   */
  deleteCategory: managerProcedure
    .input(deleteCategoryInput)
    .mutation(({ ctx, input }) => deleteCategory(ctx.services, ctx.staff, input)),

  /**
   * Puts the categories in the order of `categoryIds` (every category of the restaurant, once);
   * returns them in that order. Errors: NOT_FOUND for an id that is not the restaurant's;
   * BAD_REQUEST when one is left out.
   */
  reorderCategories: managerProcedure
    .input(reorderCategoriesInput)
    .mutation(({ ctx, input }) => reorderCategories(ctx.services, ctx.staff, input)),

  /**
   * Creates an item (no `id`) or replaces its editable fields (`saveItemInput`: price and option
   * price deltas in paise; allergens from the 14 of `ALLERGENS`). Groups and options passed with
   * their `id` keep it, so carts keep working. Returns the item (`AdminMenuItemView`). Errors:
   * NOT_FOUND for an item or category of another restaurant; CONFLICT (field "name") for a name
   * another item has.
   */
  saveItem: managerProcedure
    .input(saveItemInput)
    .mutation(({ ctx, input }) => saveItem(ctx.services, ctx.staff, input)),

  /**
   * 86 an item (`available: false`) or bring it back, in one call; returns the item. Errors:
   * NOT_FOUND for another restaurant's (or an unknown) item.
   */
  setAvailability: managerProcedure
    .input(setAvailabilityInput)
    .mutation(({ ctx, input }) => setAvailability(ctx.services, ctx.staff, input)),

  /**
   * Removes an item from the menu (placed orders keep their snapshot); returns `{ id }`. Errors:
   * NOT_FOUND for another restaurant's (or an unknown) item.
   */
  deleteItem: managerProcedure
    .input(deleteItemInput)
    .mutation(({ ctx, input }) => deleteItem(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
