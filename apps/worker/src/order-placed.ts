import {
  Customer,
  hasVerifiedEmail,
  MenuItem,
  Order,
  Restaurant,
  toOrderView,
  transitionOrder,
  type OrderDoc,
} from "@tabletap/db";
import {
  EmailLimitError,
  orderConfirmationEmail,
  type EmailSender,
  type GuestEmailLimit,
  type SmsSender,
} from "@tabletap/notify";
import type { OrderChanges } from "@tabletap/realtime";
import type { Redis } from "@tabletap/redis";
import type { Logger } from "pino";
import { notifyOnce } from "./notify-once";

/** What the handler needs from the outside world. */
export interface OrderPlacedDeps {
  sms: SmsSender;
  email: EmailSender;
  /** Every email to a guest counts against `EMAIL_POLICY` (shared with the API's codes). */
  emailLimit: Pick<GuestEmailLimit, "consume">;
  orderChanges: Pick<OrderChanges, "deliver">;
  redis: Redis;
  log: Logger;
}

/**
 * Lines whose menu item was 86'd (or deleted) since the order was placed, by name. An item sold
 * out by its count (`stock: 0`, 86'd by the order that took its last portion) is not one: the
 * orders placed before hold their portions (`order.place` took them).
 */
async function unavailableLines(order: OrderDoc): Promise<string[]> {
  const ids = order.lines.map((line) => line.menuItemId);
  const available = await MenuItem.find(
    { _id: { $in: ids }, restaurantId: order.restaurantId, $or: [{ available: true }, { stock: 0 }] },
    { _id: 1 },
  ).lean();
  const availableIds = new Set(available.map((item) => item._id.toString()));
  return [
    ...new Set(order.lines.filter((line) => !availableIds.has(line.menuItemId.toString())).map((line) => line.name)),
  ];
}

/**
 * Handles `order.placed` (DESIGN.md, flow 3): accepts the order, or rejects it with a reason
 * when an item was 86'd since it was placed; delivers the change to the kitchen and the guest
 * (`OrderChanges.deliver`: a failed broadcast stays in the outbox for the relay; a rejection's
 * `order.notify` event comes back through SQS for `handleOrderNotify`, which texts the reason);
 * and, when the guest has a verified email (`hasVerifiedEmail`) and has not used up their emails
 * this hour (`EMAIL_POLICY`), sends the confirmation through SES; past the limit the receipt is
 * skipped (logged), not retried. No text on acceptance: that is the system handing the order to
 * the kitchen's screen, not news for the guest (they are texted when it is ready).
 *
 * Idempotent: the status moves only from `placed` (a redelivered event finds it moved and
 * changes nothing, but delivers what the order's outbox still holds), and each notification is
 * claimed once on the order. Throws on transient
 * failures (database, SMS, email) so SQS redelivers the event after the visibility timeout and,
 * after the queue's maxReceiveCount, moves it to the dead-letter queue.
 */
export async function handleOrderPlaced(deps: OrderPlacedDeps, orderId: string): Promise<void> {
  const order = await Order.findById(orderId).lean<OrderDoc>();
  if (!order) {
    deps.log.warn({ orderId }, "order.placed for an unknown order; ignoring");
    return;
  }
  let current = order;
  if (order.status === "placed") {
    const missing = await unavailableLines(order);
    const reason =
      missing.length > 0
        ? `Sorry, ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} no longer available.`
        : null;
    const result = await transitionOrder({
      orderId,
      to: reason ? "rejected" : "accepted",
      by: "system",
      reason,
      expectedFrom: "placed",
    });
    current = result.order;
    if (result.changed) {
      deps.log.info({ orderId, status: current.status }, "order processed");
      await deps.orderChanges.deliver(current);
    }
  } else if (order.outbox.length > 0) {
    // A redelivery after a worker died between the status change and its delivery: deliver now,
    // or the kitchen and the guest's page would show "placed" until the relay's full sweep.
    await deps.orderChanges.deliver(order);
  }

  const [restaurant, customer] = await Promise.all([
    Restaurant.findById(current.restaurantId).lean(),
    Customer.findById(current.customerId).lean(),
  ]);
  if (!restaurant || !customer) return;
  if (hasVerifiedEmail(customer) && current.status !== "rejected") {
    const view = toOrderView(current);
    const { email } = customer;
    await notifyOnce(deps.redis, current._id, "confirmationEmail", async () => {
      try {
        await deps.emailLimit.consume(customer._id.toString());
      } catch (error) {
        if (!(error instanceof EmailLimitError)) throw error;
        deps.log.warn({ orderId, customerId: customer._id.toString() }, "receipt skipped: guest's email limit reached");
        return;
      }
      await deps.email.send({
        to: email,
        ...orderConfirmationEmail(view, restaurant.name, { timeZone: restaurant.timeZone }),
      });
    });
  }
}
