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
  orderAcceptedSms,
  orderConfirmationEmail,
  orderRejectedSms,
  type EmailSender,
  type GuestEmailLimit,
  type SmsSender,
} from "@tabletap/notify";
import type { OrderChanges } from "@tabletap/realtime";
import { withLock, type Redis } from "@tabletap/redis";
import type { Logger } from "pino";

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
 * How long the Redis note of a sent notification is kept, seconds: a day, far longer than SQS
 * redelivers an event (5 receives, 30 s apart), so it covers a record the database refused.
 */
const SENT_NOTE_TTL_SECONDS = 86_400;

/**
 * Runs `send` at most once per order for the notification `field`: under the order's
 * notification lock, it sends only while `notifiedAt.<field>` is unset and no note of the send
 * is in Redis, notes the send in Redis at once after `send` resolved (sent, or deliberately
 * skipped), then records the time on the order. So a redelivered event sends nothing twice,
 * also when the database refused the record (down for a moment right after the send: the
 * record is written on the redelivery), and a failed send is retried with the event. Only a
 * crash between the send and the note (a Redis round trip) can repeat a text: at least once,
 * as a provider without idempotency keys allows.
 */
async function notifyOnce(
  redis: Redis,
  orderId: OrderDoc["_id"],
  field: "statusSms" | "confirmationEmail",
  send: () => Promise<unknown>,
): Promise<void> {
  const path = `notifiedAt.${field}`;
  const note = `order-notified:${orderId.toString()}:${field}`;
  const record = (at: Date) => Order.updateOne({ _id: orderId, [path]: null }, { $set: { [path]: at } });
  await withLock(redis, `order-notify:${orderId.toString()}:${field}`, async () => {
    if (await Order.exists({ _id: orderId, [path]: { $ne: null } })) return;
    const sentAt = await redis.get(note);
    if (sentAt) {
      await record(new Date(sentAt));
      return;
    }
    await send();
    const now = new Date();
    await redis.set(note, now.toISOString(), "EX", SENT_NOTE_TTL_SECONDS);
    await record(now);
  });
}

/**
 * Handles `order.placed` (DESIGN.md, flow 3): accepts the order, or rejects it with a reason
 * when an item was 86'd since it was placed; delivers the change to the kitchen and the guest
 * (`OrderChanges.deliver`: a failed broadcast stays in the outbox for the relay);
 * texts the guest and, when the guest has a verified email (`hasVerifiedEmail`) and has not used
 * up their emails this hour (`EMAIL_POLICY`), sends the confirmation through SES; past the
 * limit the receipt is skipped (logged), not retried.
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
  const view = toOrderView(current);
  await notifyOnce(deps.redis, current._id, "statusSms", () =>
    deps.sms.send(
      customer.phone,
      current.status === "rejected" ? orderRejectedSms(view, restaurant.name) : orderAcceptedSms(view, restaurant.name),
    ),
  );
  if (hasVerifiedEmail(customer) && current.status !== "rejected") {
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
