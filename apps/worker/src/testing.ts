/** Test support for the worker's tests: orders stored as the API stores them, and their events. */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { Customer, MenuItem, Order, Table } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { publishOrderEvent } from "@tabletap/queue";
import type { SQSClient } from "@aws-sdk/client-sqs";

/**
 * A placed order for a fresh guest at a fresh restaurant, stored as the API stores it. With
 * `pendingEvent` its `order.placed` event is still in the outbox (SQS was down when it was
 * taken: the relay must publish it); otherwise the event left the outbox (the API published
 * it), so only what the test itself publishes reaches the worker. `emailVerified`: the guest
 * verified `email` (receipts go only to a verified address).
 */
export async function placedOrder(
  opts: { email?: string; emailVerified?: boolean; item?: string; pendingEvent?: boolean } = {},
) {
  const seeded = await seedDemo({
    slug: `w-${randomBytes(5).toString("hex")}`,
    staffEmailDomain: `${randomUUID()}.test`,
  });
  const phone = `+919${randomInt(100_000_000, 999_999_999)}`;
  const customer = await Customer.create({
    phone,
    email: opts.email ?? null,
    emailVerifiedAt: opts.emailVerified ? new Date() : null,
  });
  const item = await MenuItem.findOne({ restaurantId: seeded.restaurantId, name: opts.item ?? "Masala Dosa" }).lean();
  const table = await Table.findOne({ restaurantId: seeded.restaurantId, label: "T2" }).lean();
  const now = new Date();
  const order = await Order.create({
    restaurantId: seeded.restaurantId,
    tableId: table!._id,
    tableLabel: "T2",
    tableSessionId: table!._id,
    customerId: customer._id,
    idempotencyKey: randomUUID(),
    businessDate: "2026-11-21",
    number: 7,
    lines: [
      {
        menuItemId: item!._id,
        name: item!.name,
        unitPrice: item!.price,
        quantity: 1,
        modifiers: [],
        notes: null,
        lineTotal: item!.price,
        station: item!.station,
      },
    ],
    currency: "INR",
    subtotal: item!.price,
    serviceCharge: 0,
    tax: Math.round(item!.price * 0.05),
    tip: 0,
    total: item!.price + Math.round(item!.price * 0.05),
    statusHistory: [{ status: "placed", at: now, by: "guest:test", reason: null }],
    outbox: opts.pendingEvent ? [{ id: randomUUID(), type: "order.placed", occurredAt: now }] : [],
  });
  return { order, phone, customerId: customer._id.toString(), item: item!, restaurantId: seeded.restaurantId };
}
export type PlacedOrder = Awaited<ReturnType<typeof placedOrder>>;

/** Publishes the order's `order.placed` event to `queueUrl`, as the API does. */
export function publishPlacedEvent(sqs: SQSClient, queueUrl: string, order: PlacedOrder["order"]): Promise<void> {
  return publishOrderEvent(sqs, queueUrl, {
    id: randomUUID(),
    type: "order.placed",
    orderId: order.id,
    restaurantId: order.restaurantId.toString(),
    occurredAt: new Date().toISOString(),
  });
}
