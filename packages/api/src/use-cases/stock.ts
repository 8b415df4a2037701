/**
 * 86 and stock from the line (issue 11): cooks 86 an item or one option from the kitchen display,
 * managers set a count of portions, and `order.place` takes from counted items. Rules and inputs
 * live in @tabletap/core/stock; the atomic updates in @tabletap/db (`takeStock`, `returnStock`).
 * Every write is scoped to the staff member's restaurant (another restaurant's ids are NOT_FOUND),
 * recorded in the audit log and followed by `restaurantChanged` (open guest menus refetch live).
 */
import type { PricedLine } from "@tabletap/core";
import {
  soldOutMessage,
  type KitchenAvailabilityInput,
  type SetStockInput,
  type StockItemView,
} from "@tabletap/core/stock";
import { MenuItem, returnStock, stockTakes, takeStock, type MenuItemDoc, type RestaurantMenu } from "@tabletap/db";
import { isValidObjectId } from "mongoose";
import { ConflictError, NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { restaurantChanged } from "./menu";

const ITEM_NOT_FOUND = "That item isn't on your menu. Reload and try again.";
const OPTION_NOT_FOUND = "That option isn't on this item. Reload and try again.";

/** The portions an order took, to give back when it is not stored after all. */
export interface TakenStock {
  giveBack(): Promise<void>;
  /** `work`'s result; when it fails, the portions are given back before its error is rethrown. */
  giveBackIfFails<T>(work: Promise<T>): Promise<T>;
}

/** What an order took, given back by `giveBack` (nothing: no call). */
function taken(giveBack: () => Promise<void>): TakenStock {
  return {
    giveBack,
    giveBackIfFails: (work) =>
      work.catch(async (error: unknown) => {
        await giveBack();
        throw error;
      }),
  };
}

const NOTHING_TAKEN = taken(() => Promise.resolve());

/**
 * `order.place`'s stock step: takes the priced lines' portions from the menu's counted items, all
 * or nothing (`takeStock`: atomic, never below 0, never more than is left under concurrency).
 * An item it empties is 86'd and open guest menus are told (`restaurantChanged`). Lines of
 * uncounted items cost nothing: without a counted item no database call is made.
 * @returns how to give the portions back if the order is then not stored.
 * @throws ConflictError naming the item ("Paneer Tikka just sold out") when one has fewer
 *   portions left than the order asks for, or was 86'd since the menu was read; nothing taken.
 */
export async function takeOrderStock(
  services: Services,
  menu: RestaurantMenu,
  lines: readonly PricedLine[],
): Promise<TakenStock> {
  const counted = new Set(menu.countedItemIds);
  const takes = stockTakes(lines.filter((line) => counted.has(line.menuItemId)));
  if (takes.length === 0) return NOTHING_TAKEN;
  const restaurantId = menu.restaurant.id;
  const result = await takeStock(restaurantId, takes);
  if (!result.ok) {
    const name = lines.find((line) => line.menuItemId === result.menuItemId)?.name ?? "An item in your cart";
    throw new ConflictError(soldOutMessage(name));
  }
  if (result.soldOut.length > 0) await restaurantChanged(services, restaurantId);
  return taken(() => returnStock(restaurantId, takes));
}

/** One of the restaurant's items, or NotFoundError (another restaurant's id or an unknown one). */
async function findItem(restaurantId: string, menuItemId: string): Promise<MenuItemDoc> {
  const item = isValidObjectId(menuItemId)
    ? await MenuItem.findOne({ _id: menuItemId, restaurantId }).lean<MenuItemDoc>()
    : null;
  if (!item) throw new NotFoundError(ITEM_NOT_FOUND);
  return item;
}

/** The kitchen's view of an item's availability and count. */
function toStockItemView(item: MenuItemDoc): StockItemView {
  return {
    id: item._id.toString(),
    name: item.name,
    available: item.available,
    stock: item.stock ?? null,
    unavailableOptions: (item.modifierGroups ?? []).flatMap((group) =>
      (group.options ?? [])
        .filter((option) => !option.available)
        .map((option) => ({ id: option._id.toString(), groupName: group.name, name: option.name })),
    ),
  };
}

/**
 * `kitchen.stock`: the items of the staff member's restaurant the kitchen keeps an eye on — every
 * 86'd item, every item with an 86'd option and every counted item — by name.
 */
export async function kitchenStock(staff: StaffPrincipal): Promise<StockItemView[]> {
  const items = await MenuItem.find({ restaurantId: staff.restaurantId }).sort({ name: 1 }).lean<MenuItemDoc[]>();
  return items
    .map(toStockItemView)
    .filter((item) => !item.available || item.stock !== null || item.unavailableOptions.length > 0);
}

/**
 * `kitchen.setAvailability`: any staff member 86's (`available: false`) or brings back an item of
 * their restaurant, or only one of its modifier options (`optionId`). Guests see it live. Setting
 * what it already is changes nothing (and records nothing).
 * @throws NotFoundError for another restaurant's item, an unknown one, or an option not of the item;
 *   ConflictError when bringing back a counted item with none left (a manager sets its count).
 */
export async function setKitchenAvailability(
  services: Services,
  staff: StaffPrincipal,
  input: KitchenAvailabilityInput,
): Promise<StockItemView> {
  const restaurantId = staff.restaurantId;
  const item = await findItem(restaurantId, input.menuItemId);
  let path = "available";
  let current = item.available;
  let option: string | null = null;
  if (input.optionId) {
    const groups = item.modifierGroups ?? [];
    const g = groups.findIndex((group) => group.options.some((o) => o._id.toString() === input.optionId));
    const o = g < 0 ? -1 : groups[g]!.options.findIndex((candidate) => candidate._id.toString() === input.optionId);
    if (g < 0 || o < 0) throw new NotFoundError(OPTION_NOT_FOUND);
    path = `modifierGroups.${g}.options.${o}.available`;
    current = groups[g]!.options[o]!.available;
    option = groups[g]!.options[o]!.name;
  } else if (input.available && item.stock === 0) {
    throw new ConflictError(`${item.name} has none left. A manager can set its stock count to bring it back.`);
  }
  if (current === input.available) return toStockItemView(item);
  // Guarded by the option's id at that position too, so a menu edit in between is not overwritten.
  const guard = input.optionId ? { [path.replace(/available$/, "_id")]: input.optionId } : {};
  const saved = await MenuItem.findOneAndUpdate(
    { _id: item._id, restaurantId, ...guard },
    { $set: { [path]: input.available } },
    { returnDocument: "after" },
  ).lean<MenuItemDoc>();
  if (!saved) throw new NotFoundError(input.optionId ? OPTION_NOT_FOUND : ITEM_NOT_FOUND);
  await recordChange(staff, {
    entity: "menuItem",
    entityId: item._id.toString(),
    action: "availability",
    before: { ...(option ? { option } : {}), available: current },
    after: { ...(option ? { option } : {}), available: input.available },
  });
  await restaurantChanged(services, restaurantId);
  return toStockItemView(saved);
}

/**
 * `kitchen.setStock` (managers): sets an item's count of portions left. `count: null` stops
 * counting it (availability unchanged); 0 86's it; more than 0 makes it available again.
 * @throws NotFoundError for another restaurant's item or an unknown one.
 */
export async function setItemStock(
  services: Services,
  manager: StaffPrincipal,
  input: SetStockInput,
): Promise<StockItemView> {
  const restaurantId = manager.restaurantId;
  const item = await findItem(restaurantId, input.menuItemId);
  const available = input.count === null ? item.available : input.count > 0;
  const saved = await MenuItem.findOneAndUpdate(
    { _id: item._id, restaurantId },
    { $set: { stock: input.count, available } },
    { returnDocument: "after" },
  ).lean<MenuItemDoc>();
  if (!saved) throw new NotFoundError(ITEM_NOT_FOUND);
  await recordChange(manager, {
    entity: "menuItem",
    entityId: item._id.toString(),
    action: "stock",
    before: { stock: item.stock ?? null, available: item.available },
    after: { stock: input.count, available },
  });
  await restaurantChanged(services, restaurantId);
  return toStockItemView(saved);
}
