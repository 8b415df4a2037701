import { randomUUID } from "node:crypto";
import { businessDate, orderIdInput, orderSubscriptionInput, placeOrderInput, priceOrder, PricingError, type OrderView } from "@tabletap/core";
import { MenuItem, nextOrderNumber, Order, Restaurant, toOrderView, type OrderDoc } from "@tabletap/db";
import { channels } from "@tabletap/realtime";
import { tracked, TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { broadcastOrderChange } from "../services";
import { findActiveTable, openTableSession } from "../tables";
import { guestProcedure } from "../trpc";

const DUPLICATE_KEY = 11000;

function pricingErrorToTRPC(error: unknown): never {
  if (error instanceof PricingError) {
    throw new TRPCError({ code: error.code === "ITEM_NOT_FOUND" ? "NOT_FOUND" : "BAD_REQUEST", message: error.message, cause: error });
  }
  throw error;
}

async function findOwnOrder(orderId: string, customerId: string): Promise<OrderDoc> {
  const order = await Order.findOne({ _id: orderId, customerId }).lean<OrderDoc>();
  // Another guest's order answers exactly like a missing one.
  if (!order) throw new TRPCError({ code: "NOT_FOUND", message: "We couldn't find that order." });
  return order;
}

/** Guests' orders: place, read, follow live. */
export const orderRouter = {
  /**
   * Places an order at the table the QR code names. The server prices every line from the live
   * menu (base price + modifier deltas, GST and service charge from the restaurant's basis
   * points, in paise); the client never sends a price. The order joins the table's open table
   * session, is stored with its `order.placed` event in the outbox, shown on the kitchen display,
   * and the event is published to SQS (retried by the worker's relay if SQS is down).
   *
   * Idempotent: the same `idempotencyKey` from the same guest returns the first order and creates
   * nothing. Errors: NOT_FOUND for an unknown table code or menu item; BAD_REQUEST for an 86'd
   * item, an option not of the item, a modifier group's min/max broken, quantity outside 1–50,
   * notes over 200 characters or more than 100 lines.
   */
  place: guestProcedure.input(placeOrderInput).mutation(async ({ ctx, input }): Promise<OrderView> => {
    const existing = await Order.findOne({ customerId: ctx.guest.customerId, idempotencyKey: input.idempotencyKey }).lean<OrderDoc>();
    if (existing) return toOrderView(existing);

    const table = await findActiveTable(input.tableCode);
    const restaurant = await Restaurant.findById(table.restaurantId).lean();
    if (!restaurant) throw new Error(`Table ${table._id.toString()} has no restaurant`);
    const ids = [...new Set(input.items.map((line) => line.menuItemId))];
    const items = await MenuItem.find({ _id: { $in: ids }, restaurantId: restaurant._id }).lean();
    const menu = new Map(
      items.map((item) => [
        item._id.toString(),
        {
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
            options: (group.options ?? []).map((option) => ({ id: option._id.toString(), name: option.name, priceDelta: option.priceDelta, available: option.available })),
          })),
        },
      ]),
    );
    let priced;
    try {
      priced = priceOrder({ lines: input.items, menu, taxBps: restaurant.taxBps, serviceChargeBps: restaurant.serviceChargeBps });
    } catch (error) {
      pricingErrorToTRPC(error);
    }

    const now = new Date();
    const date = businessDate(now, restaurant.timeZone);
    const [tableSessionId, number] = await Promise.all([openTableSession(ctx.services.redis, table), nextOrderNumber(ctx.services.redis, restaurant._id, date)]);
    let order: OrderDoc;
    try {
      const created = await Order.create({
        restaurantId: restaurant._id,
        tableId: table._id,
        tableLabel: table.label,
        tableSessionId,
        customerId: ctx.guest.customerId,
        idempotencyKey: input.idempotencyKey,
        businessDate: date,
        number,
        lines: priced.lines,
        currency: restaurant.currency,
        subtotal: priced.subtotal,
        serviceCharge: priced.serviceCharge,
        tax: priced.tax,
        tip: priced.tip,
        total: priced.total,
        status: "placed",
        statusHistory: [{ status: "placed", at: now, by: `guest:${ctx.guest.customerId}`, reason: null }],
        outbox: [{ id: randomUUID(), type: "order.placed", occurredAt: now }],
      });
      order = created.toObject() as OrderDoc;
    } catch (error) {
      // A concurrent replay of the same key won the insert: answer with its order.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const winner = await Order.findOne({ customerId: ctx.guest.customerId, idempotencyKey: input.idempotencyKey }).lean<OrderDoc>();
      if (!winner) throw error;
      return toOrderView(winner);
    }

    const view = toOrderView(order);
    await Promise.all([broadcastOrderChange(ctx.services, view), ctx.services.flushOutbox(view.id)]);
    return view;
  }),

  /** One of the signed-in guest's orders. Errors: NOT_FOUND for a missing order or another guest's. */
  get: guestProcedure.input(orderIdInput).query(async ({ ctx, input }) => toOrderView(await findOwnOrder(input.orderId, ctx.guest.customerId))),

  /**
   * Live updates of one of the guest's orders over SSE: every change as the full `OrderView`,
   * each with a tracked event id. Without `lastEventId` it replays the order's history from its
   * first event, so the last value received is always current; with it, a reconnecting client
   * gets exactly what it missed. Errors: NOT_FOUND as `get`.
   */
  onUpdate: guestProcedure.input(orderSubscriptionInput).subscription(async function* ({ ctx, input, signal }) {
    await findOwnOrder(input.orderId, ctx.guest.customerId);
    const events = ctx.services.bus.subscribe<OrderView>(channels.order(input.orderId), { lastEventId: input.lastEventId ?? "0-0", signal });
    for await (const event of events) yield tracked(event.id, event.payload);
  }),
} satisfies TRPCRouterRecord;
