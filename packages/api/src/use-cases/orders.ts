import {
  businessDate,
  priceOrder,
  type OrderIdInput,
  type OrderSubscriptionInput,
  type OrderView,
  type PlaceOrderInput,
} from "@tabletap/core";
import {
  MenuItem,
  nextOrderNumber,
  Order,
  outboxEntry,
  Restaurant,
  toOrderView,
  toPricingMenuItem,
  type OrderDoc,
} from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import type { GuestPrincipal } from "../trpc";
import { findActiveTable, openTableSession } from "./tables";

const DUPLICATE_KEY = 11000;

/** The guest's earlier order under `idempotencyKey`, if any. */
function replayed(guest: GuestPrincipal, idempotencyKey: string): Promise<OrderDoc | null> {
  return Order.findOne({ customerId: guest.customerId, idempotencyKey }).lean<OrderDoc>();
}

/**
 * Places an order at the table the QR code names. The server prices every line from the live
 * menu (`priceOrder` in @tabletap/core: base price + modifier deltas, GST and service charge from
 * the restaurant's basis points, in paise); the client never sends a price. The order joins the
 * table's open table session and gets the restaurant's next daily number; it is stored with its
 * `order.placed` and `order.changed` outbox events, which are then delivered (SQS for the worker,
 * the kitchen display and the guest's page live; the worker's relay retries what failed).
 *
 * Idempotent: the same `idempotencyKey` from the same guest returns the first order and creates
 * nothing, also when two requests race.
 * @throws NotFoundError for an unknown or inactive table code; PricingError for an unknown or
 *   86'd item, an option not of the item, or a modifier group's min/max broken.
 */
export async function placeOrder(
  services: Services,
  guest: GuestPrincipal,
  input: PlaceOrderInput,
): Promise<OrderView> {
  const existing = await replayed(guest, input.idempotencyKey);
  if (existing) return toOrderView(existing);

  const table = await findActiveTable(input.tableCode);
  const restaurant = await Restaurant.findById(table.restaurantId).lean();
  if (!restaurant) throw new Error(`Table ${table._id.toString()} has no restaurant`);
  const ids = [...new Set(input.items.map((line) => line.menuItemId))];
  const items = await MenuItem.find({ _id: { $in: ids }, restaurantId: restaurant._id }).lean();
  const menu = new Map(items.map((item) => [item._id.toString(), toPricingMenuItem(item)]));
  const priced = priceOrder({
    lines: input.items,
    menu,
    taxBps: restaurant.taxBps,
    serviceChargeBps: restaurant.serviceChargeBps,
  });

  const now = new Date();
  const date = businessDate(now, restaurant.timeZone);
  const [tableSessionId, number] = await Promise.all([
    openTableSession(services.redis, table),
    nextOrderNumber(services.redis, restaurant._id, date),
  ]);
  let order: OrderDoc;
  try {
    const created = await Order.create({
      restaurantId: restaurant._id,
      tableId: table._id,
      tableLabel: table.label,
      tableSessionId,
      customerId: guest.customerId,
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
      statusHistory: [{ status: "placed", at: now, by: `guest:${guest.customerId}`, reason: null }],
      outbox: [outboxEntry("order.placed", now), outboxEntry("order.changed", now)],
    });
    order = created.toObject();
  } catch (error) {
    // A concurrent replay of the same key won the insert: answer with its order.
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    const winner = await replayed(guest, input.idempotencyKey);
    if (!winner) throw error;
    return toOrderView(winner);
  }

  await services.orderChanges.deliver(order._id.toString());
  return toOrderView(order);
}

/** One of the guest's orders. @throws NotFoundError for a missing order or another guest's (the same answer). */
export async function ownOrder(guest: GuestPrincipal, input: OrderIdInput): Promise<OrderView> {
  const order = await Order.findOne({ _id: input.orderId, customerId: guest.customerId }).lean<OrderDoc>();
  if (!order) throw new NotFoundError("We couldn't find that order.");
  return toOrderView(order);
}

/**
 * The live changes of one of the guest's orders, each the full `OrderView` with its event id:
 * from the order's first event without `lastEventId` (so the last value received is always
 * current), or exactly what a reconnecting client missed with it. Ends when `signal` aborts.
 * @throws NotFoundError as `ownOrder`, before anything is streamed.
 */
export async function followOwnOrder(
  services: Services,
  guest: GuestPrincipal,
  input: OrderSubscriptionInput,
  signal?: AbortSignal,
): Promise<AsyncIterable<BusEvent<OrderView>>> {
  await ownOrder(guest, input);
  return services.bus.subscribe<OrderView>(channels.order(input.orderId), {
    lastEventId: input.lastEventId ?? "0-0",
    signal,
  });
}
