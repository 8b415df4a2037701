import {
  decodeOrderHistoryCursor,
  encodeOrderHistoryCursor,
  ORDER_HISTORY_POLICY,
  type MyOrdersInput,
  type OrderHistoryItem,
  type OrderHistoryPage,
} from "@tabletap/core";
import { Order, orderNumberLabel, Restaurant, Table, type OrderDoc } from "@tabletap/db";
import { Types } from "mongoose";
import { InvalidInputError } from "../errors";
import type { GuestPrincipal } from "../trpc";

/**
 * The signed-in guest's orders at every restaurant, newest first (`createdAt`, then id), a page
 * of `ORDER_HISTORY_POLICY.pageSize` at a time on the `{ customerId, createdAt, _id }` index:
 * `input.cursor` is the previous page's `nextCursor` (null on the last page). Only the guest's
 * own orders are ever read. Each order names its restaurant and, while its table is active and
 * the restaurant takes orders, the table's code (for "Reorder"). Three queries a page: the
 * orders, then their restaurants and tables together.
 * @throws InvalidInputError (BAD_REQUEST) for a cursor `order.mine` did not give (the schema
 *   already refuses one that does not decode).
 */
export async function myOrders(guest: GuestPrincipal, input: MyOrdersInput): Promise<OrderHistoryPage> {
  const position = input.cursor ? decodeOrderHistoryCursor(input.cursor) : null;
  if (input.cursor && !position)
    throw new InvalidInputError("This page position isn't valid. Reload your orders to start again.");
  const customerId = new Types.ObjectId(guest.customerId);
  const after = position
    ? {
        $or: [
          { createdAt: { $lt: position.placedAt } },
          { createdAt: position.placedAt, _id: { $lt: new Types.ObjectId(position.id) } },
        ],
      }
    : {};
  const docs = await Order.find({ customerId, ...after })
    .sort({ createdAt: -1, _id: -1 })
    .limit(ORDER_HISTORY_POLICY.pageSize + 1)
    .select({
      number: 1,
      restaurantId: 1,
      tableId: 1,
      tableLabel: 1,
      status: 1,
      total: 1,
      currency: 1,
      lines: 1,
      createdAt: 1,
    })
    .lean<OrderDoc[]>();
  const page = docs.slice(0, ORDER_HISTORY_POLICY.pageSize);

  const [restaurants, tables] = await Promise.all([
    Restaurant.find({ _id: { $in: [...new Set(page.map((o) => o.restaurantId.toString()))] } })
      .select({ name: 1, orderingPaused: 1 })
      .lean<{ _id: Types.ObjectId; name: string; orderingPaused: boolean }[]>(),
    Table.find({ _id: { $in: [...new Set(page.map((o) => o.tableId.toString()))] }, active: true })
      .select({ code: 1 })
      .lean<{ _id: Types.ObjectId; code: string }[]>(),
  ]);
  const restaurantById = new Map(restaurants.map((r) => [r._id.toString(), r]));
  const codeByTable = new Map(tables.map((t) => [t._id.toString(), t.code]));

  const orders = page.map((order): OrderHistoryItem => {
    const restaurant = restaurantById.get(order.restaurantId.toString());
    const code = codeByTable.get(order.tableId.toString());
    return {
      id: order._id.toString(),
      number: orderNumberLabel(order.number),
      restaurantName: restaurant?.name ?? "A restaurant no longer on Tabletap",
      tableLabel: order.tableLabel,
      tableCode: restaurant && !restaurant.orderingPaused && code ? code : null,
      status: order.status,
      total: order.total,
      currency: order.currency,
      placedAt: order.createdAt.toISOString(),
      lines: order.lines.map((line) => ({
        menuItemId: line.menuItemId.toString(),
        name: line.name,
        quantity: line.quantity,
        optionIds: (line.modifiers ?? []).map((m) => m.optionId),
        notes: line.notes ?? null,
      })),
    };
  });
  const last = page.at(-1);
  return {
    orders,
    nextCursor:
      docs.length > ORDER_HISTORY_POLICY.pageSize && last
        ? encodeOrderHistoryCursor({ placedAt: last.createdAt, id: last._id.toString() })
        : null,
  };
}
