import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/** A refund of (part of) a payment: online through Razorpay, at the counter in cash or on the terminal. */
const refundSchema = new Schema({
  /** Paise, > 0. */
  amount: { type: Number, required: true },
  reason: { type: String, required: true },
  /** `processed` once Razorpay says so (`refund.processed`), at once for counter payments. */
  status: { type: String, enum: ["pending", "processed", "failed"], required: true },
  gatewayRefundId: { type: String, default: null },
  /** The manager who refunded it. */
  by: { type: Schema.Types.ObjectId, required: true, ref: "Staff" },
  at: { type: Date, required: true },
  processedAt: { type: Date, default: null },
});

/**
 * One payer paying one part of a table session's tab (the split kinds of @tabletap/core/bill),
 * online with Razorpay or at the counter. Amounts in paise, computed by the server:
 * `amount` = subtotal + serviceCharge + tax of the part, `total` = amount + tip.
 *
 * Status: `created` (online, in Razorpay Checkout) or `pending` (at the counter, waiting for
 * staff) → `paid`, or `failed` (declined) / `cancelled` (the hold lapsed or was released).
 * `idempotencyKey` is unique per payer, so a replayed `payment.start` finds the first payment.
 */
const paymentSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    tableId: { type: Schema.Types.ObjectId, required: true, ref: "Table" },
    tableLabel: { type: String, required: true },
    tableSessionId: { type: Schema.Types.ObjectId, required: true, ref: "TableSession" },
    /** The guest paying; null when staff recorded a payment taken at the counter. */
    customerId: { type: Schema.Types.ObjectId, default: null, ref: "Customer" },
    /** The staff member who recorded or settled it at the counter. */
    recordedBy: { type: Schema.Types.ObjectId, default: null, ref: "Staff" },
    idempotencyKey: { type: String, required: true },
    method: { type: String, enum: ["online", "counter"], required: true },
    /** How a counter payment was taken, once staff settle it. */
    counterMethod: { type: String, enum: ["cash", "card", "upi", null], default: null },
    kind: { type: String, enum: ["full", "equal", "items", "amount"], required: true },
    parts: { type: Number, default: null },
    partIndex: { type: Number, default: null },
    lineIds: { type: [String], default: [] },
    amounts: {
      subtotal: { type: Number, required: true },
      serviceCharge: { type: Number, required: true },
      tax: { type: Number, required: true },
    },
    amount: { type: Number, required: true },
    tip: { type: Number, required: true, default: 0 },
    total: { type: Number, required: true },
    currency: { type: String, required: true },
    status: {
      type: String,
      enum: ["created", "pending", "paid", "failed", "cancelled"],
      required: true,
    },
    failureReason: { type: String, default: null },
    gateway: {
      orderId: { type: String, default: null },
      paymentId: { type: String, default: null },
    },
    refunds: { type: [refundSchema], default: [] },
    /** Σ refunds that are not `failed`, paise (≤ total). */
    refunded: { type: Number, required: true, default: 0 },
    receipt: {
      /** The secret in the receipt link (`/receipts/{token}`): 128 random bits, base64url. */
      token: { type: String, required: true },
      /** pending → sending (claimed by a worker at `claimedAt`) → sent, or skipped when there is no guest to send it to. */
      status: { type: String, enum: ["pending", "sending", "sent", "skipped"], required: true, default: "pending" },
      claimedAt: { type: Date, default: null },
      emailedAt: { type: Date, default: null },
      textedAt: { type: Date, default: null },
    },
    paidAt: { type: Date, default: null },
    /** Restaurant-local date "YYYY-MM-DD" the payment was started on (reports). */
    businessDate: { type: String, required: true },
    /** Optimistic concurrency for refunds. */
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
paymentSchema.index({ customerId: 1, idempotencyKey: 1 }, { unique: true });
paymentSchema.index({ tableSessionId: 1 });
paymentSchema.index({ "gateway.orderId": 1 });
paymentSchema.index({ "receipt.token": 1 }, { unique: true });
paymentSchema.index({ restaurantId: 1, businessDate: 1 });
// The worker's receipt relay: paid payments whose receipt is still pending.
paymentSchema.index({ status: 1, "receipt.status": 1, paidAt: 1 });

export type PaymentDoc = InferSchemaType<typeof paymentSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Payment: Model<PaymentDoc> =
  (mongoose.models.Payment as Model<PaymentDoc>) ?? mongoose.model("Payment", paymentSchema);
