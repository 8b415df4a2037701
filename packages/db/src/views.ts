/**
 * Stored documents → the public views of `@tabletap/core/views`. Each mapping exists once, here:
 * the API's procedures, the worker and (through the views) notifications all use these.
 */
import type { SettingsView } from "@tabletap/core/settings";
import type { StaffMemberView } from "@tabletap/core/staff-admin";
import {
  ALLERGEN_IDS,
  type AdminCategoryView,
  type AdminMenuItemView,
  type AllergenId,
  type DietaryTag,
  type MenuItemPhotoView,
  type OrderView,
  type PricingMenuItem,
  type SessionView,
  type TableMenuView,
} from "@tabletap/core";
import type { Types } from "mongoose";
import type {
  CustomerDoc,
  MenuCategoryDoc,
  MenuItemDoc,
  MenuItemPhoto,
  OrderDoc,
  RestaurantDoc,
  StaffDoc,
  TableDoc,
} from "./models";

/** An order's daily number as guests and staff see it: 42 → "#042". */
export function orderNumberLabel(number: number): string {
  return `#${String(number).padStart(3, "0")}`;
}

/** Maps a stored order to the public `OrderView` (ISO-8601 UTC times, paise amounts). */
export function toOrderView(order: OrderDoc): OrderView {
  return {
    id: order._id.toString(),
    number: orderNumberLabel(order.number),
    restaurantId: order.restaurantId.toString(),
    tableId: order.tableId.toString(),
    tableLabel: order.tableLabel,
    tableSessionId: order.tableSessionId.toString(),
    status: order.status,
    statusHistory: (order.statusHistory ?? []).map((change) => ({
      status: change.status,
      at: change.at.toISOString(),
      reason: change.reason ?? null,
    })),
    rejectionReason: order.rejectionReason ?? null,
    note: order.note ?? null,
    allergies: order.allergies ?? [],
    lines: order.lines.map((line) => ({
      menuItemId: line.menuItemId.toString(),
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      modifiers: (line.modifiers ?? []).map(({ groupName, name, priceDelta }) => ({ groupName, name, priceDelta })),
      notes: line.notes ?? null,
      lineTotal: line.lineTotal,
      station: line.station,
      doneAt: line.doneAt?.toISOString() ?? null,
      allergens: line.allergens ?? [],
    })),
    subtotal: order.subtotal,
    serviceCharge: order.serviceCharge,
    tax: order.tax,
    tip: order.tip,
    total: order.total,
    currency: order.currency,
    payment: { method: order.payment?.method ?? null, status: order.payment?.status ?? "unpaid" },
    placedAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/**
 * A restaurant's live menu as the hot paths need it, JSON-safe so it can be cached (see
 * @tabletap/cache): the guest-facing restaurant and categories (a `TableMenuView` without its
 * table), the restaurant's time zone (business dates) and every item as `priceOrder` prices it.
 */
export interface RestaurantMenu {
  restaurant: TableMenuView["restaurant"] & { timeZone: string; kitchenBacklogWarnMinutes: number | null };
  categories: TableMenuView["categories"];
  pricing: PricingMenuItem[];
  /**
   * The items whose stock is counted (`stock` not null): `order.place` takes from these in the
   * database and from no other item, so an order of uncounted items costs no extra call.
   */
  countedItemIds: string[];
}

/** A table as the hot paths need it, JSON-safe for the cache: `openSessionId` null when no table session is open. */
export interface TableRef {
  id: string;
  restaurantId: string;
  label: string;
  active: boolean;
  openSessionId: string | null;
}

/** Maps a stored table to its `TableRef`. */
export function toTableRef(table: TableDoc): TableRef {
  return {
    id: table._id.toString(),
    restaurantId: table.restaurantId.toString(),
    label: table.label,
    active: table.active,
    openSessionId: table.openSessionId?.toString() ?? null,
  };
}

/** Where photos are loaded from: a base URL (`S3_PUBLIC_URL`, or the apps' `/media` route) that object keys are appended to. */
export interface MediaLocation {
  mediaBaseUrl: string;
}

/** The URL of the S3 object `key` under `mediaBaseUrl` (no doubled slash). */
export function mediaUrl(mediaBaseUrl: string, key: string): string {
  return `${mediaBaseUrl.replace(/\/+$/, "")}/${key}`;
}

/** Maps a stored item photo to its `MenuItemPhotoView` (URLs under `mediaBaseUrl`), or null when there is none. */
export function toMenuItemPhotoView(
  photo: MenuItemPhoto | null | undefined,
  { mediaBaseUrl }: MediaLocation,
): MenuItemPhotoView | null {
  if (!photo) return null;
  return {
    renditions: photo.renditions.map(({ key, width }) => ({ url: mediaUrl(mediaBaseUrl, key), width })),
    width: photo.width,
    height: photo.height,
    blurhash: photo.blurhash,
    placeholder: photo.placeholder,
    alt: photo.alt ?? "",
  };
}

/**
 * The restaurant's menu from its documents: categories in the given order, each with its items
 * in the given order (86'd items included with `available: false`; unavailable options left out
 * of the guest view, kept for pricing). Prices in paise; photo URLs under `media.mediaBaseUrl`.
 */
export function toRestaurantMenu(
  restaurant: RestaurantDoc & { _id: Types.ObjectId },
  categories: MenuCategoryDoc[],
  items: MenuItemDoc[],
  media: MediaLocation,
): RestaurantMenu {
  return {
    restaurant: {
      id: restaurant._id.toString(),
      slug: restaurant.slug,
      name: restaurant.name,
      currency: restaurant.currency,
      taxBps: restaurant.taxBps,
      serviceChargeBps: restaurant.serviceChargeBps,
      orderingPaused: restaurant.orderingPaused ?? false,
      timeZone: restaurant.timeZone,
      kitchenBacklogWarnMinutes: restaurant.kitchenBacklogWarnMinutes ?? null,
    },
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
          photo: toMenuItemPhotoView(item.photo, media),
          dietaryTags: (item.dietaryTags ?? []) as DietaryTag[],
          allergens: item.allergens ?? [],
          available: item.available,
          modifierGroups: (item.modifierGroups ?? []).map((group) => ({
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
    pricing: items.map(toPricingMenuItem),
    countedItemIds: items.filter((item) => item.stock != null).map((item) => item._id.toString()),
  };
}

/** The guest-facing menu of a table: the restaurant's menu with the table's id and label. */
export function toTableMenuView(menu: RestaurantMenu, table: TableRef): TableMenuView {
  const { timeZone: _timeZone, kitchenBacklogWarnMinutes: _warn, ...restaurant } = menu.restaurant;
  return { restaurant, table: { id: table.id, label: table.label }, categories: menu.categories };
}

/** A guest as `auth.session` shows them (phone E.164; name and email null when unset; whether the email is verified). */
export function toGuestView(customer: CustomerDoc): NonNullable<SessionView["guest"]> {
  return {
    id: customer._id.toString(),
    phone: customer.phone,
    name: customer.name ?? null,
    email: customer.email ?? null,
    emailVerified: hasVerifiedEmail(customer),
  };
}

/** True when the guest has an email and proved it is theirs: the only address anything is sent to. */
export function hasVerifiedEmail(
  customer: Pick<CustomerDoc, "email" | "emailVerifiedAt">,
): customer is Pick<CustomerDoc, "emailVerifiedAt"> & { email: string } {
  return Boolean(customer.email && customer.emailVerifiedAt);
}

/** A staff member as `auth.session` shows them, with the restaurant they work for. */
export function toStaffView(staff: StaffDoc): NonNullable<SessionView["staff"]> {
  return {
    id: staff._id.toString(),
    name: staff.name,
    email: staff.email,
    role: staff.role,
    restaurantId: staff.restaurantId.toString(),
  };
}

/**
 * A stored menu item as `priceOrder` (@tabletap/core/pricing) needs it: every modifier group
 * and option, sold-out ones included (pricing refuses them with its own message). Prices in paise.
 */
export function toPricingMenuItem(item: MenuItemDoc): PricingMenuItem {
  return {
    id: item._id.toString(),
    name: item.name,
    price: item.price,
    available: item.available,
    station: item.station,
    modifierGroups: modifierGroupsOf(item),
    allergens: item.allergens ?? [],
  };
}

/** Maps a stored staff account to the admin panel's `StaffMemberView` (never its password hash). */
export function toStaffMemberView(staff: StaffDoc & { createdAt?: Date }): StaffMemberView {
  return {
    id: staff._id.toString(),
    name: staff.name,
    email: staff.email,
    role: staff.role,
    active: staff.active,
    createdAt: (staff.createdAt ?? staff._id.getTimestamp()).toISOString(),
  };
}

/** Maps a stored restaurant to the admin panel's `SettingsView` (rates in basis points, days in order). */
export function toSettingsView(restaurant: RestaurantDoc & { updatedAt?: Date }): SettingsView {
  return {
    name: restaurant.name,
    currency: restaurant.currency,
    timeZone: restaurant.timeZone,
    taxBps: restaurant.taxBps,
    serviceChargeBps: restaurant.serviceChargeBps,
    openingHours: (restaurant.openingHours ?? [])
      .flatMap(({ day, opens, closes }) =>
        day === null || day === undefined || !opens || !closes ? [] : [{ day, opens, closes }],
      )
      .sort((x, y) => x.day - y.day),
    orderingPaused: restaurant.orderingPaused ?? false,
    kitchenBacklogWarnMinutes: restaurant.kitchenBacklogWarnMinutes ?? null,
    updatedAt: (restaurant.updatedAt ?? new Date(0)).toISOString(),
  };
}

/** A stored category as the menu editor shows it (`admin.menu.*`), without its items. */
export function toAdminCategoryView(category: MenuCategoryDoc): AdminCategoryView {
  return {
    id: category._id.toString(),
    name: category.name,
    description: category.description ?? "",
    sortOrder: category.sortOrder,
  };
}

const KNOWN_ALLERGENS = new Set<string>(ALLERGEN_IDS);

/** An item's modifier groups with every option, unavailable ones included (`available` says which), ids as strings. */
function modifierGroupsOf(item: MenuItemDoc): AdminMenuItemView["modifierGroups"] {
  return (item.modifierGroups ?? []).map((group) => ({
    id: group._id.toString(),
    name: group.name,
    minSelect: group.minSelect,
    maxSelect: group.maxSelect,
    options: (group.options ?? []).map((option) => ({
      id: option._id.toString(),
      name: option.name,
      priceDelta: option.priceDelta,
      available: option.available,
    })),
  }));
}

/**
 * A stored item as the menu editor shows it (`admin.menu.*`): every editable field, 86'd items and
 * unavailable options included, group and option ids kept. Prices in paise. Allergens outside the
 * fixed list (`ALLERGENS`, data from before it) are left out. Photo URLs under `media.mediaBaseUrl`.
 */
export function toAdminMenuItemView(item: MenuItemDoc, media: MediaLocation): AdminMenuItemView {
  return {
    id: item._id.toString(),
    categoryId: item.categoryId.toString(),
    name: item.name,
    description: item.description ?? "",
    price: item.price,
    photo: toMenuItemPhotoView(item.photo, media),
    station: item.station,
    dietaryTags: (item.dietaryTags ?? []) as DietaryTag[],
    allergens: (item.allergens ?? []).filter((id): id is AllergenId => KNOWN_ALLERGENS.has(id)),
    sortOrder: item.sortOrder,
    available: item.available,
    stock: item.stock ?? null,
    modifierGroups: modifierGroupsOf(item),
  };
}
