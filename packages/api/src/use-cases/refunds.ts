/**
 * Managers' view of the day's payments and their refunds (`admin.payments.*`). A refund of an
 * online payment goes to Razorpay through the SDK (`services.payments.refund`) and is `pending`
 * until Razorpay's `refund.processed` webhook; a counter payment's refund is handed back at the
 * counter and recorded `processed` at once. Amounts in paise.
 */
import { Types } from "mongoose";
import {
  businessDate as businessDateOf,
  formatMoney,
  PAYMENTS_PAGE_SIZE,
  type AdminPaymentsPage,
  type AdminPaymentView,
  type PaymentsListInput,
  type RefundInput,
} from "@tabletap/core";
import { Customer, Payment, type PaymentDoc } from "@tabletap/db";
import { ConflictError, NotFoundError, PaymentProviderError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { restaurantMenu } from "./menu";

/** How many times a refund re-reads a payment that changed between its read and its write (another refund). */
const REFUND_ATTEMPTS = 5;

type StoredRefund = PaymentDoc["refunds"][number];

/** A payment as the admin's list shows it, with the payer's label. */
function toAdminPaymentView(payment: PaymentDoc, payer: string): AdminPaymentView {
  return {
    id: payment._id.toString(),
    createdAt: payment.createdAt.toISOString(),
    paidAt: payment.paidAt?.toISOString() ?? null,
    table: payment.tableLabel,
    payer,
    method: payment.method,
    counterMethod: payment.counterMethod ?? null,
    kind: payment.kind,
    amount: payment.amount,
    tip: payment.tip,
    total: payment.total,
    status: payment.status,
    refunded: payment.refunded,
    refundable: payment.status === "paid" ? payment.total - payment.refunded : 0,
    refunds: payment.refunds.map((refund) => ({
      id: refund._id.toString(),
      amount: refund.amount,
      reason: refund.reason,
      status: refund.status,
      at: refund.at.toISOString(),
      processedAt: refund.processedAt?.toISOString() ?? null,
    })),
    currency: payment.currency,
  };
}

/** "Guest ••3210" per guest id (the phone's last four digits), for the admin's list. */
async function payerLabels(payments: readonly PaymentDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(payments.flatMap((payment) => (payment.customerId ? [payment.customerId.toString()] : [])))];
  if (ids.length === 0) return new Map();
  const customers = await Customer.find({ _id: { $in: ids } }, { phone: 1, name: 1 }).lean();
  return new Map(
    customers.map((customer) => [
      customer._id.toString(),
      customer.name ? `${customer.name} ••${customer.phone.slice(-4)}` : `Guest ••${customer.phone.slice(-4)}`,
    ]),
  );
}

async function adminViews(payments: PaymentDoc[]): Promise<AdminPaymentView[]> {
  const labels = await payerLabels(payments);
  return payments.map((payment) =>
    toAdminPaymentView(payment, payment.customerId ? (labels.get(payment.customerId.toString()) ?? "Guest") : "Staff"),
  );
}

/**
 * `admin.payments.list`: the manager's restaurant's payments started on `businessDate` (default
 * today in the restaurant's time zone), newest first, `PAYMENTS_PAGE_SIZE` a page; `cursor` (the
 * previous page's `nextCursor`: its last payment's ISO-8601 UTC `createdAt`) pages back. Read by
 * the `{ restaurantId, businessDate }` index. Another restaurant's payments are never returned.
 */
export async function listPayments(
  services: Services,
  manager: StaffPrincipal,
  input: PaymentsListInput,
): Promise<AdminPaymentsPage> {
  const { restaurant } = await restaurantMenu(services, manager.restaurantId);
  const date = input.businessDate ?? businessDateOf(new Date(), restaurant.timeZone);
  const payments = await Payment.find({
    restaurantId: new Types.ObjectId(manager.restaurantId),
    businessDate: date,
  }).lean<PaymentDoc[]>();
  const before = input.cursor ? Date.parse(input.cursor) : Number.POSITIVE_INFINITY;
  const newestFirst = payments
    .filter((payment) => payment.createdAt.getTime() < before)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const page = newestFirst.slice(0, PAYMENTS_PAGE_SIZE);
  return {
    businessDate: date,
    payments: await adminViews(page),
    nextCursor: newestFirst.length > PAYMENTS_PAGE_SIZE ? (page.at(-1)?.createdAt.toISOString() ?? null) : null,
  };
}

/**
 * `admin.payments.refund`: refunds `amount` paise of a paid payment, with the manager's reason.
 * Never more than total − refunded, also when two managers refund at once: the refund is
 * reserved by a conditional update on the payment's `version` (re-read and re-checked after a
 * lost race). Online: the refund goes to Razorpay (`services.payments.refund`, the SDK) and
 * stays `pending` until its `refund.processed` webhook (or `processed` at once when Razorpay
 * says so); when Razorpay refuses, the reservation is undone and nothing is refunded. Counter:
 * recorded `processed` (handed back at the counter). Records an audit entry ("payment",
 * "refund").
 *
 * @throws NotFoundError for an unknown payment or another restaurant's; ConflictError (field
 *   `amount`) when the payment isn't paid or the amount is more than what is left to refund;
 *   PaymentProviderError (BAD_GATEWAY) when Razorpay refuses or can't be reached.
 */
export async function refundPayment(
  services: Services,
  manager: StaffPrincipal,
  input: RefundInput,
): Promise<AdminPaymentView> {
  const refundId = new Types.ObjectId();
  const reserved = await reserveRefund(manager, input, refundId);
  let payment = reserved.payment;
  if (payment.method === "online") payment = await sendRefund(services, payment, refundId, input.amount);
  await recordChange(manager, {
    entity: "payment",
    entityId: payment._id.toString(),
    action: "refund",
    before: { refunded: reserved.before },
    after: { refunded: payment.refunded, amount: input.amount, reason: input.reason },
  });
  return (await adminViews([payment]))[0] as AdminPaymentView;
}

/** Stores the refund on the payment, within what is left to refund (see `refundPayment`). */
async function reserveRefund(
  manager: StaffPrincipal,
  input: RefundInput,
  refundId: Types.ObjectId,
): Promise<{ payment: PaymentDoc; before: number }> {
  for (let attempt = 0; attempt < REFUND_ATTEMPTS; attempt += 1) {
    const current = await Payment.findById(input.paymentId).lean<PaymentDoc>();
    if (!current || current.restaurantId.toString() !== manager.restaurantId)
      throw new NotFoundError("That payment wasn't found.");
    if (current.status !== "paid") throw new ConflictError("Only a paid payment can be refunded.", "amount");
    const left = current.total - current.refunded;
    if (input.amount > left)
      throw new ConflictError(
        left === 0
          ? "This payment has been refunded in full."
          : `At most ${formatMoney(left, current.currency)} of this payment can be refunded.`,
        "amount",
      );
    const now = new Date();
    const refund = {
      _id: refundId,
      amount: input.amount,
      reason: input.reason,
      status: current.method === "online" ? "pending" : "processed",
      gatewayRefundId: null,
      by: new Types.ObjectId(manager.staffId),
      at: now,
      processedAt: current.method === "online" ? null : now,
    };
    const written = await Payment.findOneAndUpdate(
      { _id: current._id, version: current.version },
      { $push: { refunds: refund }, $inc: { refunded: input.amount, version: 1 } },
      { returnDocument: "after" },
    ).lean<PaymentDoc>();
    if (written) return { payment: written, before: current.refunded };
  }
  throw new ConflictError("This payment is being refunded by someone else right now. Try again.", "amount");
}

/**
 * Applies `change` to one refund of a payment under its `version` (re-read after a lost race):
 * the refunds array is rewritten whole, which every MongoDB server and the local stand-in do
 * atomically. @returns the payment as written, or null when it or the refund is gone.
 */
async function updateRefund(
  paymentId: Types.ObjectId,
  refundId: (refund: StoredRefund) => boolean,
  change: (refund: StoredRefund) => { refund: StoredRefund; refundedDelta: number } | null,
): Promise<PaymentDoc | null> {
  for (let attempt = 0; attempt < REFUND_ATTEMPTS; attempt += 1) {
    const current = await Payment.findById(paymentId).lean<PaymentDoc>();
    const index = current?.refunds.findIndex(refundId) ?? -1;
    if (!current || index < 0) return null;
    const changed = change(current.refunds[index] as StoredRefund);
    if (!changed) return current;
    const refunds = current.refunds.map((refund, i) => (i === index ? changed.refund : refund));
    const written = await Payment.findOneAndUpdate(
      { _id: current._id, version: current.version },
      { $set: { refunds }, $inc: { refunded: changed.refundedDelta, version: 1 } },
      { returnDocument: "after" },
    ).lean<PaymentDoc>();
    if (written) return written;
  }
  throw new Error(`Payment ${paymentId.toString()} kept changing while a refund was updated`);
}

/** Sends a reserved refund to Razorpay; undoes the reservation (refund `failed`) when Razorpay refuses. */
async function sendRefund(
  services: Services,
  payment: PaymentDoc,
  refundId: Types.ObjectId,
  amount: number,
): Promise<PaymentDoc> {
  const isThis = (refund: StoredRefund) => refund._id.equals(refundId);
  try {
    if (!payment.gateway?.paymentId) throw new Error("The payment has no Razorpay payment id");
    const sent = await services.payments.refund(payment.gateway.paymentId, {
      amount,
      notes: { paymentId: payment._id.toString(), refundId: refundId.toString() },
    });
    const now = new Date();
    return (
      (await updateRefund(payment._id, isThis, (refund) => ({
        refund: {
          ...refund,
          gatewayRefundId: sent.id,
          ...(sent.status === "processed" && refund.status === "pending"
            ? { status: "processed", processedAt: now }
            : {}),
        } as StoredRefund,
        refundedDelta: 0,
      }))) ?? payment
    );
  } catch (error) {
    services.log.error({ err: error, paymentId: payment._id.toString() }, "Razorpay refused a refund");
    await updateRefund(payment._id, isThis, (refund) =>
      refund.status === "failed"
        ? null
        : { refund: { ...refund, status: "failed" } as StoredRefund, refundedDelta: -refund.amount },
    );
    throw new PaymentProviderError(
      "The payment service didn't take this refund, so nothing was refunded. Please try again in a moment.",
    );
  }
}

/**
 * Razorpay's `refund.processed` for the refund `gatewayRefundId` of the payment its `notes` name
 * (`paymentId`, `refundId`: set by `sendRefund`): marks it processed (a refund marked failed
 * because Razorpay's answer was lost counts again). Idempotent. @returns true when this call marked it.
 */
export async function markRefundProcessed(refund: {
  gatewayRefundId: string;
  notes: { paymentId?: string; refundId?: string };
}): Promise<boolean> {
  const payment = Types.ObjectId.isValid(refund.notes.paymentId ?? "")
    ? await Payment.findById(refund.notes.paymentId, { _id: 1 }).lean()
    : null;
  if (!payment) return false;
  const isThis = (stored: StoredRefund) =>
    stored.gatewayRefundId === refund.gatewayRefundId || stored._id.toString() === refund.notes.refundId;
  let marked = false;
  await updateRefund(payment._id, isThis, (stored) => {
    if (stored.status === "processed") return null;
    marked = true;
    const back = stored.status === "failed" ? stored.amount : 0;
    return {
      refund: {
        ...stored,
        status: "processed",
        processedAt: new Date(),
        gatewayRefundId: refund.gatewayRefundId,
      } as StoredRefund,
      refundedDelta: back,
    };
  });
  return marked;
}
