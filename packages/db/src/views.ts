/**
 * Stored documents → the public views of `@tabletap/core/views`. Each mapping exists once, here:
 * the API's procedures, the worker and (through the views) notifications all use these.
 */
import type { DietaryTag, OrderView, PricingMenuItem, SessionView, TableMenuView } from "@tabletap/core";
import type { Types } from "mongoose";
import type { CustomerDoc, MenuCategoryDoc, MenuItemDoc, OrderDoc, RestaurantDoc, StaffDoc, TableDoc } from "./models";

/** Maps a stored order to the public `OrderView` (ISO-8601 UTC times, paise amounts). */
export function toOrderView(order: OrderDoc): OrderView {
  return {
    id: order._id.toString(),
    number: `#${String(order.number).padStart(3, "0")}`,
    restaurantId: order.restaurantId.toString(),
    tableId: order.tableId.toString(),
    tableLabel: order.tableLabel,
    status: order.status,
    statusHistory: (order.statusHistory ?? []).map((change) => ({
      status: change.status,
      at: change.at.toISOString(),
      reason: change.reason ?? null,
    })),
    rejectionReason: order.rejectionReason ?? null,
    lines: order.lines.map((line) => ({
      menuItemId: line.menuItemId.toString(),
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      modifiers: (line.modifiers ?? []).map(({ groupName, name, priceDelta }) => ({ groupName, name, priceDelta })),
      notes: line.notes ?? null,
      lineTotal: line.lineTotal,
      station: line.station,
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
 * The guest-facing menu of a table: categories in the given order, each with its items in the
 * given order (86'd items included with `available: false`; unavailable options left out).
 * Prices in paise.
 */
export function toTableMenuView(
  restaurant: RestaurantDoc & { _id: Types.ObjectId },
  table: TableDoc,
  categories: MenuCategoryDoc[],
  items: MenuItemDoc[],
): TableMenuView {
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
  };
}

/** A guest as `auth.session` shows them (phone E.164; name and email null when unset). */
export function toGuestView(customer: CustomerDoc): NonNullable<SessionView["guest"]> {
  return {
    id: customer._id.toString(),
    phone: customer.phone,
    name: customer.name ?? null,
    email: customer.email ?? null,
  };
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
    modifierGroups: (item.modifierGroups ?? []).map((group) => ({
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
    })),
  };
}
