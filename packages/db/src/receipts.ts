/**
 * GST receipts: a paid payment → its `ReceiptView` (@tabletap/core/tab). The one builder the API
 * (`receipt.get`, the guest's `/receipts/{token}` page) and the worker (the receipt email) use.
 */
import {
  lineShares,
  receiptNumber,
  splitGst,
  ZERO_AMOUNTS,
  type ReceiptLineView,
  type ReceiptView,
} from "@tabletap/core";
import { isValidObjectId } from "mongoose";
import { Customer, Order, Payment, Restaurant, type PaymentDoc } from "./models";

/**
 * The serial of a paid payment among its restaurant's paid payments of the same business date,
 * 1-based, in the order they were paid (ties by id): the consecutive serial of the receipt number
 * (`receiptNumber`). Stable: a payment paid later always gets a later `paidAt`, and a paid payment
 * stays paid (refunds don't change its status). Served by the { restaurantId, businessDate } index.
 */
async function receiptSerial(payment: PaymentDoc, paidAt: Date): Promise<number> {
  const earlier = await Payment.countDocuments({
    restaurantId: payment.restaurantId,
    businessDate: payment.businessDate,
    status: "paid",
    $or: [{ paidAt: { $lt: paidAt } }, { paidAt, _id: { $lt: payment._id } }],
  });
  return earlier + 1;
}

/**
 * The lines a payment covered (its `lineIds`, "orderId:index"), each with its share of the bill
 * (`lineShares` of its order), in the order of `lineIds`; ids whose order or line is gone are left out.
 */
async function coveredLines(payment: PaymentDoc): Promise<ReceiptLineView[]> {
  if (payment.lineIds.length === 0) return [];
  const orderIds = [...new Set(payment.lineIds.map((lineId) => lineId.split(":")[0] ?? ""))].filter((id) =>
    isValidObjectId(id),
  );
  const orders = await Order.find(
    { _id: { $in: orderIds }, tableSessionId: payment.tableSessionId },
    { lines: 1, serviceCharge: 1, tax: 1 },
  ).lean();
  const byId = new Map(orders.map((order) => [order._id.toString(), { order, shares: lineShares(order) }]));
  return payment.lineIds.flatMap((lineId) => {
    const [orderId = "", index = ""] = lineId.split(":");
    const found = byId.get(orderId);
    const line = found?.order.lines[Number(index)];
    const amounts = found?.shares[Number(index)];
    if (!line || !amounts) return [];
    return [
      { name: line.name, quantity: line.quantity, unitPrice: line.unitPrice, lineTotal: line.lineTotal, amounts },
    ];
  });
}

/**
 * The GST receipt (tax invoice) of the PAID payment `payment`: the restaurant's name, GSTIN and
 * address; the receipt number (`receiptNumber` of the payment's business date and serial); when it
 * was paid (ISO-8601 UTC, with the restaurant's time zone to show it in); the table; the payer's
 * name (null for a guest without one or a payment staff recorded); the covered lines of items and
 * full payments; the share's amounts with the tax as CGST and SGST halves (`splitGst`); the tip,
 * untaxed and apart; the total; how it was paid; and its refunds (paise, reasons, times). Null
 * when the payment is not paid or its restaurant is gone.
 */
export async function toReceiptView(payment: PaymentDoc): Promise<ReceiptView | null> {
  if (payment.status !== "paid" || !payment.paidAt) return null;
  const paidAt = payment.paidAt;
  const [restaurant, customer, lines, serial] = await Promise.all([
    Restaurant.findById(payment.restaurantId, { name: 1, gstin: 1, address: 1, timeZone: 1, taxBps: 1 }).lean(),
    payment.customerId ? Customer.findById(payment.customerId, { name: 1 }).lean() : null,
    coveredLines(payment),
    receiptSerial(payment, paidAt),
  ]);
  if (!restaurant) return null;
  const amounts = payment.amounts ?? ZERO_AMOUNTS;
  const { cgst, sgst } = splitGst(amounts.tax);
  return {
    restaurant: { name: restaurant.name, gstin: restaurant.gstin ?? null, address: restaurant.address ?? null },
    number: receiptNumber(payment.businessDate, serial),
    paidAt: paidAt.toISOString(),
    timeZone: restaurant.timeZone,
    table: payment.tableLabel,
    payer: customer?.name ?? null,
    split: { kind: payment.kind, parts: payment.parts ?? null, partIndex: payment.partIndex ?? null },
    lines,
    amounts: { subtotal: amounts.subtotal, serviceCharge: amounts.serviceCharge, tax: amounts.tax },
    taxBps: restaurant.taxBps,
    cgst,
    sgst,
    tip: payment.tip,
    total: payment.total,
    method: payment.method,
    counterMethod: payment.counterMethod ?? null,
    refunds: payment.refunds.map((refund) => ({
      amount: refund.amount,
      reason: refund.reason,
      at: refund.at.toISOString(),
      status: refund.status,
    })),
    refunded: payment.refunded,
    currency: payment.currency,
  };
}

/**
 * The receipt whose link carries `token` (`payment.receipt.token`, 128 random bits: the secret),
 * or null when no paid payment has it. Served by the unique { "receipt.token" } index.
 */
export async function findReceipt(token: string): Promise<ReceiptView | null> {
  const payment = await Payment.findOne({ "receipt.token": token }).lean<PaymentDoc>();
  return payment ? toReceiptView(payment) : null;
}
