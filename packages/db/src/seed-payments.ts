/**
 * Test and demo support: a settled payment stored as the API stores one (the payment use cases
 * write them in production). Used by the worker's receipt tests and the API's receipt and
 * analytics tests, which need paid payments without going through Razorpay.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { lineShares, type BillAmounts } from "@tabletap/core";
import { Types } from "mongoose";
import { Order, Payment, Restaurant, Table, type PaymentDoc } from "./models";

/** The dishes of the seeded round: two lines, with service charge and GST spread over them. */
const ROUND = [
  { name: "Paneer Tikka", unitPrice: 32_000, quantity: 2 },
  { name: "Masala Chai", unitPrice: 6_000, quantity: 1 },
] as const;

export interface SeedPaymentOptions {
  restaurantId: string | Types.ObjectId;
  /** The payer; null for a payment staff recorded at the counter. */
  customerId: string | Types.ObjectId | null;
  /** "items" (default) covers both lines of a fresh round; "equal" is share 1 of 2 of it. */
  kind?: "items" | "equal";
  tip?: number;
  method?: "online" | "counter";
  counterMethod?: "cash" | "card" | "upi" | null;
  status?: PaymentDoc["status"];
  /** When it was paid (default now); null for a payment that is not paid. */
  paidAt?: Date | null;
  businessDate?: string;
  refunds?: { amount: number; reason: string; status: "pending" | "processed" | "failed"; at?: Date }[];
  receipt?: Partial<Pick<PaymentDoc["receipt"] & object, "status" | "claimedAt" | "emailedAt" | "textedAt">>;
}

/**
 * Stores a round (one order of two lines, 5 % GST and 5 % service charge, at the restaurant's
 * table T1 in a fresh session) and a payment for it: by default the guest's "items" payment of
 * both lines, paid now, receipt pending, with a fresh 128-bit receipt token. Returns the payment
 * (lean) and the order.
 */
export async function seedPaidPayment(opts: SeedPaymentOptions) {
  const restaurant = await Restaurant.findById(opts.restaurantId, { currency: 1 }).lean();
  const table = await Table.findOne({ restaurantId: opts.restaurantId }).sort({ label: 1 }).lean();
  if (!restaurant || !table) throw new Error("seedPaidPayment: seed the restaurant and its tables first");
  const tableSessionId = new Types.ObjectId();
  const lines = ROUND.map((dish) => ({
    menuItemId: new Types.ObjectId(),
    name: dish.name,
    unitPrice: dish.unitPrice,
    quantity: dish.quantity,
    modifiers: [],
    notes: null,
    lineTotal: dish.unitPrice * dish.quantity,
    station: "kitchen",
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const serviceCharge = Math.round(subtotal * 0.05);
  // 5 % of ₹735.00 = 3 675 paise: odd, so CGST carries the odd paisa.
  const tax = Math.round((subtotal + serviceCharge) * 0.05);
  const businessDate = opts.businessDate ?? "2026-11-21";
  const now = new Date();
  const order = await Order.create({
    restaurantId: opts.restaurantId,
    tableId: table._id,
    tableLabel: table.label,
    tableSessionId,
    customerId: opts.customerId ?? new Types.ObjectId(),
    idempotencyKey: randomUUID(),
    businessDate,
    number: (await Order.countDocuments({ restaurantId: opts.restaurantId, businessDate })) + 1,
    lines,
    currency: restaurant.currency,
    subtotal,
    serviceCharge,
    tax,
    tip: 0,
    total: subtotal + serviceCharge + tax,
    status: "served",
    statusHistory: [{ status: "placed", at: now, by: "guest:test", reason: null }],
    outbox: [],
  });
  const kind = opts.kind ?? "items";
  const amounts: BillAmounts =
    kind === "items"
      ? { subtotal, serviceCharge, tax }
      : { subtotal: subtotal / 2, serviceCharge: Math.ceil(serviceCharge / 2), tax: Math.ceil(tax / 2) };
  const lineIds = kind === "items" ? lineShares(order).map((_, index) => `${order.id}:${index}`) : [];
  const amount = amounts.subtotal + amounts.serviceCharge + amounts.tax;
  const tip = opts.tip ?? 0;
  const status = opts.status ?? "paid";
  const refunds = (opts.refunds ?? []).map((refund) => ({
    ...refund,
    by: new Types.ObjectId(),
    at: refund.at ?? now,
    processedAt: refund.status === "processed" ? (refund.at ?? now) : null,
  }));
  const payment = await Payment.create({
    restaurantId: opts.restaurantId,
    tableId: table._id,
    tableLabel: table.label,
    tableSessionId,
    customerId: opts.customerId,
    idempotencyKey: randomUUID(),
    method: opts.method ?? "online",
    counterMethod: opts.counterMethod ?? null,
    kind,
    parts: kind === "equal" ? 2 : null,
    partIndex: kind === "equal" ? 0 : null,
    lineIds,
    amounts,
    amount,
    tip,
    total: amount + tip,
    currency: restaurant.currency,
    status,
    refunds,
    refunded: refunds.filter((refund) => refund.status !== "failed").reduce((sum, refund) => sum + refund.amount, 0),
    receipt: {
      token: randomBytes(16).toString("base64url"),
      status: "pending",
      claimedAt: null,
      emailedAt: null,
      textedAt: null,
      ...opts.receipt,
    },
    paidAt: opts.paidAt === undefined ? (status === "paid" ? now : null) : opts.paidAt,
    businessDate,
  });
  return { payment: payment.toObject<PaymentDoc>(), order };
}
