import {
  businessDate,
  priceOrder,
  type OrderIdInput,
  type OrderSubscriptionInput,
  type OrderView,
  type PlaceOrderInput,
} from "@tabletap/core";
import { CACHE_TTL, cacheKeys } from "@tabletap/cache";
import { isDuplicateKeyError, nextOrderNumber, Order, outboxEntry, toOrderView, type OrderDoc } from "@tabletap/db";
import { channels, type BusEvent } from "@tabletap/realtime";
import { Types } from "mongoose";
import { NotFoundError, OrderingPausedError } from "../errors";
import type { Services } from "../services";
import type { GuestPrincipal } from "../trpc";
import { restaurantMenu } from "./menu";
import { takeOrderStock } from "./stock";
import { joinAsOrderer } from "./tab";
import { findActiveTable, openTableSession } from "./tables";

/** The guest's earlier order under `idempotencyKey`, if any (a lookup by that unique index). */
function replayed(guest: GuestPrincipal, idempotencyKey: string): Promise<OrderDoc | null> {
  return Order.findOne({ customerId: guest.customerId, idempotencyKey }).lean<OrderDoc>();
}

/**
 * Places an order at the table the QR code names. The server prices every line from the live
 * menu (`priceOrder` in @tabletap/core: base price + modifier deltas, GST and service charge from
 * the restaurant's basis points, in paise); the client never sends a price. The order joins the
 * table's open table session, whose members the guest joins (`joinAsOrderer`), and gets the
 * restaurant's next daily number (one atomic increment); it is stored with its `order.placed`
 * and `order.changed` outbox events in one insert, which are then delivered (SQS for the worker, the kitchen display and the guest's page live; the
 * worker's relay retries what failed).
 *
 * Round trips when the cache is warm (see docs/PERFORMANCE.md): the idempotency lookup, the
 * counter increment beside the session's member update, the insert, and the delivery (outbox read, SQS send, two publishes, two
 * outbox removals); table, restaurant and menu come from the cache.
 *
 * The guest's order-level `note` (blank: none) and declared `allergies` are stored with it, and each
 * line snapshots its item's listed allergens (`priceOrder`), for the kitchen's allergen banner.
 *
 * Idempotent: the same `idempotencyKey` from the same guest returns the first order and creates
 * nothing, also when two requests race; such a replay is not counted against the order limits.
 *
 * Limited (`ORDER_POLICY` in @tabletap/core, through `services.orderThrottle`): a guest and a
 * table may place only so many orders in 10 minutes, so a flood can't bury real orders on the
 * kitchen display. A valid cart is counted just before it is stored.
 *
 * Stock (`takeOrderStock`): the order takes its portions of counted items first, all or nothing
 * and never more than is left (one conditional update per counted item, in parallel; uncounted
 * items cost no call); the item it empties is 86'd and guests' menus refetch. The portions go
 * back when the order is then not stored.
 * @param signal aborts before anything is written when the client has gone (load shedding).
 * @throws NotFoundError for an unknown or inactive table code; OrderingPausedError while the
 *   restaurant has paused ordering (nothing stored); PricingError for an unknown or
 *   86'd item, an option not of the item, or a modifier group's min/max broken;
 *   ConflictError ("Paneer Tikka just sold out") when a counted item has fewer portions left
 *   than the order asks for (nothing stored, nothing taken);
 *   OrderThrottledError past the guest's or the table's limit (nothing stored); the signal's
 *   reason when it aborted before the insert.
 */
export async function placeOrder(
  services: Services,
  guest: GuestPrincipal,
  input: PlaceOrderInput,
  signal?: AbortSignal,
): Promise<OrderView> {
  const [existing, table] = await Promise.all([
    replayed(guest, input.idempotencyKey),
    findActiveTable(services, input.tableCode),
  ]);
  if (existing) return toOrderView(existing);
  const menu = await restaurantMenu(services, table.restaurantId);
  const { restaurant } = menu;
  if (restaurant.orderingPaused) throw new OrderingPausedError();
  const priced = priceOrder({
    lines: input.items,
    menu: new Map(menu.pricing.map((item) => [item.id, item])),
    taxBps: restaurant.taxBps,
    serviceChargeBps: restaurant.serviceChargeBps,
  });

  signal?.throwIfAborted();
  const stock = await takeOrderStock(services, menu, priced.lines);
  await stock.giveBackIfFails(services.orderThrottle.take(guest.customerId, table.id));
  const now = new Date();
  const date = businessDate(now, restaurant.timeZone);
  const restaurantId = new Types.ObjectId(restaurant.id);
  const [tableSessionId, number] = await stock.giveBackIfFails(
    Promise.all([
      openTableSession(services, table, input.tableCode).then(async (sessionId) => {
        await joinAsOrderer(sessionId, guest.customerId);
        return sessionId;
      }),
      nextOrderNumber(restaurantId, date),
    ]),
  );
  let order: OrderDoc;
  try {
    const created = await Order.create({
      restaurantId,
      tableId: table.id,
      tableLabel: table.label,
      tableSessionId,
      customerId: guest.customerId,
      idempotencyKey: input.idempotencyKey,
      businessDate: date,
      number,
      lines: priced.lines,
      note: input.note || null,
      allergies: input.allergies ?? [],
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
    await stock.giveBack(); // not stored: a failure, or a concurrent replay won
    // A concurrent replay of the same key won the insert: answer with its order.
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await replayed(guest, input.idempotencyKey);
    if (!winner) throw error;
    await services.orderThrottle.giveBack(guest.customerId, table.id);
    return toOrderView(winner);
  }

  await services.orderChanges.deliver(order);
  return toOrderView(order);
}

/**
 * One of the guest's orders, read through the cache (`cacheKeys.order`; every change drops it,
 * see `createOrderChanges`). @throws NotFoundError for a missing order or another guest's (the same answer).
 */
export async function ownOrder(services: Services, guest: GuestPrincipal, input: OrderIdInput): Promise<OrderView> {
  const order = await services.cache.getOrSet({
    key: cacheKeys.order(input.orderId),
    ttl: CACHE_TTL.order,
    factory: async () => {
      // By id alone (the index every MongoDB server uses); the owner is checked below.
      const found = await Order.findById(input.orderId).lean<OrderDoc>();
      return found ? { view: toOrderView(found), customerId: found.customerId.toString() } : null;
    },
  });
  if (order?.customerId !== guest.customerId) throw new NotFoundError("We couldn't find that order.");
  return order.view;
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
  await ownOrder(services, guest, input);
  return services.bus.subscribe<OrderView>(channels.order(input.orderId), {
    lastEventId: input.lastEventId ?? "0-0",
    signal,
  });
}
