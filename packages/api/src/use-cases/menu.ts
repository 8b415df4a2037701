import type { MenuSubscriptionInput, TableMenuInput, TableMenuView } from "@tabletap/core";
import { CACHE_TTL, cacheKeys, cacheTags } from "@tabletap/cache";
import { loadRestaurantMenu, toTableMenuView, type RestaurantMenu } from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import { findActiveTable } from "./tables";

/**
 * The restaurant's live menu, read through the cache (`cacheKeys.menu`, tagged with the
 * restaurant: every menu write path drops it with `invalidateRestaurant`).
 * @throws Error when the restaurant does not exist (a table pointing at none: a data bug).
 */
export async function restaurantMenu(services: Services, restaurantId: string): Promise<RestaurantMenu> {
  const menu = await services.cache.getOrSet({
    key: cacheKeys.menu(restaurantId),
    ttl: CACHE_TTL.menu,
    tags: [cacheTags.restaurant(restaurantId)],
    factory: () => loadRestaurantMenu(restaurantId, { mediaBaseUrl: services.mediaBaseUrl }),
  });
  if (!menu) throw new Error(`Restaurant ${restaurantId} does not exist`);
  return menu;
}

/**
 * Drops everything cached about a restaurant (its menu and its tables' code lookups), so the
 * next read sees the database. Every write to a restaurant's menu, settings or tables calls it
 * (through `restaurantChanged`).
 */
export async function invalidateRestaurant(services: Services, restaurantId: string): Promise<void> {
  await services.cache.deleteByTag({ tags: [cacheTags.restaurant(restaurantId)] });
}

/** What `menu.onChange` streams: the restaurant's menu or settings changed at `at` (ISO-8601 UTC); refetch `menu.forTable`. */
export interface MenuChangeEvent {
  restaurantId: string;
  at: string;
}

/**
 * Called after every admin write to a restaurant's menu, settings or tables: drops the cached
 * menu and table lookups (`invalidateRestaurant`), then tells open guest menus to refetch (an
 * event on `channels.menu`, streamed by `menu.onChange`). The cache is dropped first, so a guest
 * who refetches on the event reads the new menu.
 */
export async function restaurantChanged(services: Services, restaurantId: string): Promise<void> {
  await invalidateRestaurant(services, restaurantId);
  const event: MenuChangeEvent = { restaurantId, at: new Date().toISOString() };
  await services.bus.publish(channels.menu(restaurantId), event);
}

/**
 * The restaurant, table and live menu a table's QR code points at (see `toTableMenuView`):
 * categories and items by `sortOrder`, then name. Two cache reads, no database work when warm.
 * @throws NotFoundError for an unknown or inactive code.
 */
export async function tableMenu(services: Services, input: TableMenuInput): Promise<TableMenuView> {
  const table = await findActiveTable(services, input.tableCode);
  return toTableMenuView(await restaurantMenu(services, table.restaurantId), table);
}

/**
 * The menu changes of the restaurant a table's QR code points at (`restaurantChanged` events on
 * `channels.menu`), for an open guest menu to refetch `menu.forTable` on each. Starts live, or
 * after `input.lastEventId` (a reconnecting client gets the changes it missed). After each
 * event the table is checked again: once it is deactivated (or its code regenerated) the stream
 * yields that event, so the guest refetches and sees the "not valid" page, and then ends.
 * @throws NotFoundError for an unknown or inactive code (before anything is streamed).
 */
export async function followMenu(
  services: Services,
  input: MenuSubscriptionInput,
  signal?: AbortSignal,
): Promise<AsyncIterable<BusEvent<MenuChangeEvent>>> {
  const table = await findActiveTable(services, input.tableCode);
  const events = services.bus.subscribe<MenuChangeEvent>(channels.menu(table.restaurantId), {
    lastEventId: input.lastEventId,
    signal,
  });
  return (async function* () {
    for await (const event of events) {
      yield event;
      if (!(await tableStillActive(services, input.tableCode))) return;
    }
  })();
}

/** False once the table's code no longer names an active table (`findActiveTable`). */
async function tableStillActive(services: Services, tableCode: string): Promise<boolean> {
  return findActiveTable(services, tableCode).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}
