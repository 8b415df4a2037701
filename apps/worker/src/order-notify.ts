import { Customer, Order, Restaurant, toOrderView, type OrderDoc } from "@tabletap/db";
import { orderCancelledSms, orderReadySms, orderRejectedSms } from "@tabletap/notify";
import { notifyOnce } from "./notify-once";
import type { OrderPlacedDeps } from "./order-placed";

/**
 * Handles `order.notify` (the order reached a status the guest is texted about,
 * `GUEST_TEXT_STATUSES` in @tabletap/core): texts the guest, by the order's status now,
 * - ready: that it is ready and coming to their table (`orderReadySms`), once per order;
 * - cancelled / rejected: that it ended, with the staff's reason and a refund note when paid
 *   (`orderCancelledSms`, `orderRejectedSms`), once per order.
 * An order that has moved on since (served before the event arrived, or recalled from ready)
 * gets no text: the news is stale. Exactly once under redelivery (`notifyOnce`). Throws on a
 * transient failure (database, SMS) so SQS redelivers the event.
 */
export async function handleOrderNotify(
  deps: Pick<OrderPlacedDeps, "sms" | "redis" | "log">,
  orderId: string,
): Promise<void> {
  const order = await Order.findById(orderId).lean<OrderDoc>();
  if (!order) {
    deps.log.warn({ orderId }, "order.notify for an unknown order; ignoring");
    return;
  }
  const text =
    order.status === "ready"
      ? { field: "readySms" as const, body: orderReadySms }
      : order.status === "cancelled"
        ? { field: "exitSms" as const, body: orderCancelledSms }
        : order.status === "rejected"
          ? { field: "exitSms" as const, body: orderRejectedSms }
          : null;
  if (!text) {
    deps.log.info({ orderId, status: order.status }, "order.notify for an order that moved on; no text");
    return;
  }
  const [restaurant, customer] = await Promise.all([
    Restaurant.findById(order.restaurantId).lean(),
    Customer.findById(order.customerId).lean(),
  ]);
  if (!restaurant || !customer) return;
  await notifyOnce(deps.redis, order._id, text.field, () =>
    deps.sms.send(customer.phone, text.body(toOrderView(order), restaurant.name)),
  );
}
