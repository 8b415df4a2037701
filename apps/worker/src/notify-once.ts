import { Order, type OrderDoc } from "@tabletap/db";
import { withLock, type Redis } from "@tabletap/redis";

/** The notifications sent at most once per order, each recorded in `Order.notifiedAt.<field>`. */
export type NotificationField = "readySms" | "exitSms" | "confirmationEmail";

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
export async function notifyOnce(
  redis: Redis,
  orderId: OrderDoc["_id"],
  field: NotificationField,
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
