/**
 * The manager's menu editor (`admin.menu.*`): categories and items of the manager's restaurant.
 * Every write is scoped to `manager.restaurantId` (another restaurant's ids are NOT_FOUND),
 * recorded in the audit log (`recordChange`) and followed by `restaurantChanged` (the cached menu
 * dropped, open guest menus told to refetch). Prices in paise.
 */
import type {
  AdminCategoryView,
  AdminMenuItemView,
  AdminMenuView,
  DeleteCategoryInput,
  DeleteItemInput,
  ReorderCategoriesInput,
  SetAvailabilityInput,
  saveCategoryInput,
  saveItemInput,
} from "@tabletap/core/menu-admin";
import {
  isDuplicateKeyError,
  MenuCategory,
  MenuItem,
  toAdminCategoryView,
  toAdminMenuItemView,
  type MenuCategoryDoc,
  type MenuItemDoc,
} from "@tabletap/db";
import { Types } from "mongoose";
import type { z } from "zod";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { restaurantChanged } from "./menu";

type SaveCategory = z.output<typeof saveCategoryInput>;
type SaveItem = z.output<typeof saveItemInput>;

const CATEGORY_NOT_FOUND = "That category isn't on your menu. Reload the page and try again.";
const ITEM_NOT_FOUND = "That item isn't on your menu. Reload the page and try again.";

/** The audited fields of a category or item: its view without the id (which the entry already names). */
function audited<T extends { id: string }>(view: T): Omit<T, "id"> {
  const { id: _id, ...fields } = view;
  return fields;
}

/**
 * Everything the menu editor shows: every category of the manager's restaurant (by `sortOrder`,
 * then name) with every item (86'd ones and unavailable options included), and the kitchen
 * stations its items use (sorted).
 */
export async function adminMenu(services: Services, manager: StaffPrincipal): Promise<AdminMenuView> {
  const restaurantId = manager.restaurantId;
  const [categories, items] = await Promise.all([
    MenuCategory.find({ restaurantId }).sort({ sortOrder: 1, name: 1 }).lean<MenuCategoryDoc[]>(),
    MenuItem.find({ restaurantId }).sort({ sortOrder: 1, name: 1 }).lean<MenuItemDoc[]>(),
  ]);
  const views = items.map((item) => toAdminMenuItemView(item, services));
  return {
    categories: categories.map((category) => {
      const view = toAdminCategoryView(category);
      return { ...view, items: views.filter((item) => item.categoryId === view.id) };
    }),
    stations: [...new Set(views.map((item) => item.station))].sort(),
  };
}

/**
 * Throws ConflictError (field "name") when another category or item of the restaurant (not
 * `exceptId`) has `name`, compared case-insensitively, so "Dal makhani" can't sit beside "Dal
 * Makhani". The unique index on (restaurantId, name) still guards exact duplicates that race past it.
 */
async function assertNameFree(
  kind: "category" | "item",
  restaurantId: string,
  name: string,
  exceptId: string | undefined,
): Promise<void> {
  const model = kind === "category" ? MenuCategory : MenuItem;
  const others = await (model as typeof MenuCategory)
    .find({ restaurantId }, { name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const wanted = name.toLocaleLowerCase("en");
  if (others.some((other) => other._id.toString() !== exceptId && other.name.toLocaleLowerCase("en") === wanted)) {
    throw duplicateName(kind, name);
  }
}

function duplicateName(kind: "category" | "item", name: string): ConflictError {
  return new ConflictError(
    `Your menu already has ${kind === "category" ? "a category" : "an item"} named "${name}"`,
    "name",
  );
}

/** Runs a write, turning a duplicate-key error of the (restaurantId, name) unique index into ConflictError. */
async function uniqueName<T>(kind: "category" | "item", name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw duplicateName(kind, name);
    throw error;
  }
}

async function findCategory(restaurantId: string, categoryId: string): Promise<MenuCategoryDoc> {
  const category = await MenuCategory.findOne({ _id: categoryId, restaurantId }).lean<MenuCategoryDoc>();
  if (!category) throw new NotFoundError(CATEGORY_NOT_FOUND);
  return category;
}

async function findItem(restaurantId: string, menuItemId: string): Promise<MenuItemDoc> {
  const item = await MenuItem.findOne({ _id: menuItemId, restaurantId }).lean<MenuItemDoc>();
  if (!item) throw new NotFoundError(ITEM_NOT_FOUND);
  return item;
}

/**
 * `admin.menu.saveCategory`: creates a category (no `id`; without `sortOrder` it goes last) or
 * updates its name, description and (when given) sort order. Returns the category.
 * @throws NotFoundError for an `id` that is not a category of the manager's restaurant;
 *   ConflictError (field "name") when another category has the name.
 */
export async function saveCategory(
  services: Services,
  manager: StaffPrincipal,
  input: SaveCategory,
): Promise<AdminCategoryView> {
  const restaurantId = manager.restaurantId;
  const before = input.id ? toAdminCategoryView(await findCategory(restaurantId, input.id)) : null;
  await assertNameFree("category", restaurantId, input.name, input.id);
  const fields = { name: input.name, description: input.description };
  const saved = await uniqueName("category", input.name, async () => {
    if (input.id) {
      return MenuCategory.findOneAndUpdate(
        { _id: input.id, restaurantId },
        { $set: { ...fields, ...(input.sortOrder === undefined ? {} : { sortOrder: input.sortOrder }) } },
        { returnDocument: "after" },
      ).lean<MenuCategoryDoc>();
    }
    const last = await MenuCategory.findOne({ restaurantId }, { sortOrder: 1 }).sort({ sortOrder: -1 }).lean();
    const created = await MenuCategory.create({
      restaurantId,
      ...fields,
      sortOrder: input.sortOrder ?? (last ? last.sortOrder + 1 : 0),
    });
    return created.toObject<MenuCategoryDoc>();
  });
  if (!saved) throw new NotFoundError(CATEGORY_NOT_FOUND);
  const after = toAdminCategoryView(saved);
  await recordChange(manager, {
    entity: "menuCategory",
    entityId: after.id,
    action: before ? "update" : "create",
    before: before && audited(before),
    after: audited(after),
  });
  await restaurantChanged(services, restaurantId);
  return after;
}

/**
 * `admin.menu.deleteCategory`: deletes an empty category.
 * @throws NotFoundError when it is not a category of the manager's restaurant; ConflictError
 *   while it still holds items ("… still holds N items").
 */
export async function deleteCategory(
  services: Services,
  manager: StaffPrincipal,
  input: DeleteCategoryInput,
): Promise<{ id: string }> {
  const restaurantId = manager.restaurantId;
  const category = await findCategory(restaurantId, input.categoryId);
  const held = await MenuItem.countDocuments({ restaurantId, categoryId: category._id });
  if (held > 0) {
    throw new ConflictError(
      `"${category.name}" still holds ${held} item${held === 1 ? "" : "s"}. Move or delete them first.`,
    );
  }
  await MenuCategory.deleteOne({ _id: category._id, restaurantId });
  await recordChange(manager, {
    entity: "menuCategory",
    entityId: category._id.toString(),
    action: "delete",
    before: audited(toAdminCategoryView(category)),
    after: null,
  });
  await restaurantChanged(services, restaurantId);
  return { id: category._id.toString() };
}

/**
 * `admin.menu.reorderCategories`: puts the categories in the given order (sortOrder 0, 1, 2 …).
 * Returns the categories in their new order.
 * @throws NotFoundError when an id is not a category of the manager's restaurant;
 *   InvalidInputError when the list leaves one of them out.
 */
export async function reorderCategories(
  services: Services,
  manager: StaffPrincipal,
  input: ReorderCategoriesInput,
): Promise<AdminCategoryView[]> {
  const restaurantId = manager.restaurantId;
  const categories = await MenuCategory.find({ restaurantId }).lean<MenuCategoryDoc[]>();
  const byId = new Map(categories.map((category) => [category._id.toString(), category]));
  const wanted = input.categoryIds.map((id) => id.toLowerCase());
  if (wanted.some((id) => !byId.has(id))) throw new NotFoundError(CATEGORY_NOT_FOUND);
  if (wanted.length !== categories.length) {
    throw new InvalidInputError("List every category of your menu once. Reload the page and try again.");
  }
  const moved = wanted.flatMap((id, sortOrder) => {
    const category = byId.get(id)!;
    return category.sortOrder === sortOrder ? [] : [{ category, sortOrder }];
  });
  if (moved.length > 0) {
    await MenuCategory.bulkWrite(
      moved.map(({ category, sortOrder }) => ({
        updateOne: { filter: { _id: category._id, restaurantId }, update: { $set: { sortOrder } } },
      })),
    );
    for (const { category, sortOrder } of moved) {
      await recordChange(manager, {
        entity: "menuCategory",
        entityId: category._id.toString(),
        action: "reorder",
        before: { sortOrder: category.sortOrder },
        after: { sortOrder },
      });
    }
    await restaurantChanged(services, restaurantId);
  }
  return wanted.map((id, sortOrder) => ({ ...toAdminCategoryView(byId.get(id)!), sortOrder }));
}

/** A stored id for a group or option: the one passed when the item already has it, else a new one. */
function keptId(id: string | undefined, existing: Set<string>): Types.ObjectId {
  return id && existing.has(id.toLowerCase()) ? new Types.ObjectId(id) : new Types.ObjectId();
}

/** The ids of an item's groups and options, lower-case hex. */
function subdocumentIds(item: MenuItemDoc | null): Set<string> {
  const ids = new Set<string>();
  for (const group of item?.modifierGroups ?? []) {
    ids.add(group._id.toString());
    for (const option of group.options ?? []) ids.add(option._id.toString());
  }
  return ids;
}

/**
 * `admin.menu.saveItem`: creates an item (no `id`) or replaces every editable field of one
 * (photos excepted: the `photo` is kept). Groups and options passed with the `id` of one this item
 * has keep it, so guests' carts that chose them keep working; others get new ids. Returns the item.
 * @throws NotFoundError when `id` or `categoryId` is not the manager's restaurant's;
 *   ConflictError (field "name") when another item has the name.
 */
export async function saveItem(
  services: Services,
  manager: StaffPrincipal,
  input: SaveItem,
): Promise<AdminMenuItemView> {
  const restaurantId = manager.restaurantId;
  const existing = input.id ? await findItem(restaurantId, input.id) : null;
  const category = await findCategory(restaurantId, input.categoryId);
  await assertNameFree("item", restaurantId, input.name, input.id);
  const ids = subdocumentIds(existing);
  const fields = {
    categoryId: category._id,
    name: input.name,
    description: input.description,
    price: input.price,
    station: input.station,
    dietaryTags: input.dietaryTags,
    allergens: input.allergens,
    sortOrder: input.sortOrder,
    available: input.available,
    modifierGroups: input.modifierGroups.map((group) => ({
      _id: keptId(group.id, ids),
      name: group.name,
      minSelect: group.minSelect,
      maxSelect: group.maxSelect,
      options: group.options.map((option) => ({
        _id: keptId(option.id, ids),
        name: option.name,
        priceDelta: option.priceDelta,
        available: option.available,
      })),
    })),
  };
  const saved = await uniqueName("item", input.name, async () =>
    existing
      ? MenuItem.findOneAndUpdate(
          { _id: existing._id, restaurantId },
          { $set: fields },
          { returnDocument: "after", runValidators: true },
        ).lean<MenuItemDoc>()
      : (await MenuItem.create({ restaurantId, ...fields })).toObject<MenuItemDoc>(),
  );
  if (!saved) throw new NotFoundError(ITEM_NOT_FOUND);
  const after = toAdminMenuItemView(saved, services);
  await recordChange(manager, {
    entity: "menuItem",
    entityId: after.id,
    action: existing ? "update" : "create",
    before: existing && audited(toAdminMenuItemView(existing, services)),
    after: audited(after),
  });
  await restaurantChanged(services, restaurantId);
  return after;
}

/**
 * `admin.menu.setAvailability`: 86 an item (`available: false`: guests see it sold out and can't
 * order it) or bring it back. Returns the item. Setting what it already is changes nothing.
 * @throws NotFoundError when it is not an item of the manager's restaurant.
 */
export async function setAvailability(
  services: Services,
  manager: StaffPrincipal,
  input: SetAvailabilityInput,
): Promise<AdminMenuItemView> {
  const restaurantId = manager.restaurantId;
  const item = await findItem(restaurantId, input.menuItemId);
  if (item.available === input.available) return toAdminMenuItemView(item, services);
  const saved = await MenuItem.findOneAndUpdate(
    { _id: item._id, restaurantId },
    { $set: { available: input.available } },
    { returnDocument: "after" },
  ).lean<MenuItemDoc>();
  if (!saved) throw new NotFoundError(ITEM_NOT_FOUND);
  await recordChange(manager, {
    entity: "menuItem",
    entityId: item._id.toString(),
    action: "availability",
    before: { available: item.available },
    after: { available: input.available },
  });
  await restaurantChanged(services, restaurantId);
  return toAdminMenuItemView(saved, services);
}

/**
 * `admin.menu.deleteItem`: removes an item from the menu. Orders already placed keep their
 * snapshot of it; carts holding it are refused at checkout (the item is gone).
 * @throws NotFoundError when it is not an item of the manager's restaurant.
 */
export async function deleteItem(
  services: Services,
  manager: StaffPrincipal,
  input: DeleteItemInput,
): Promise<{ id: string }> {
  const restaurantId = manager.restaurantId;
  const item = await findItem(restaurantId, input.menuItemId);
  await MenuItem.deleteOne({ _id: item._id, restaurantId });
  await recordChange(manager, {
    entity: "menuItem",
    entityId: item._id.toString(),
    action: "delete",
    before: audited(toAdminMenuItemView(item, services)),
    after: null,
  });
  await restaurantChanged(services, restaurantId);
  return { id: item._id.toString() };
}
