import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/** The parts of an amount (paise): the tab's `BillAmounts` in @tabletap/core/bill. */
const amountsSchema = new Schema(
  {
    subtotal: { type: Number, required: true },
    serviceCharge: { type: Number, required: true },
    tax: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A payment's hold on part of the tab (`TabClaim` in @tabletap/core/bill): what it pays
 * (`amounts`, paise) and, for item and full claims, which lines (`${orderId}:${lineIndex}`).
 * A claim is `pending` until its payment settles; a failed payment's claim is removed, and an
 * online one that is still pending after `expiresAt` stops counting (`liveClaims`).
 */
const claimSchema = new Schema(
  {
    paymentId: { type: Schema.Types.ObjectId, required: true, ref: "Payment" },
    /** The guest paying; null when staff recorded the payment (`floor.settle`). */
    customerId: { type: Schema.Types.ObjectId, default: null, ref: "Customer" },
    kind: { type: String, enum: ["full", "equal", "items", "amount"], required: true },
    lineIds: { type: [String], default: [] },
    parts: { type: Number, default: null },
    partIndex: { type: Number, default: null },
    amounts: { type: amountsSchema, required: true },
    /** Paise, untaxed; not part of the tab's total. */
    tip: { type: Number, required: true, default: 0 },
    method: { type: String, enum: ["online", "counter"], required: true },
    status: { type: String, enum: ["pending", "paid"], required: true, default: "pending" },
    expiresAt: { type: Date, default: null },
  },
  { _id: false },
);

/** A guest's call for a waiter, water or the bill; staff acknowledge ("On the way"), then resolve it. */
const serviceRequestSchema = new Schema({
  kind: { type: String, enum: ["waiter", "water", "bill"], required: true },
  status: { type: String, enum: ["open", "acknowledged", "resolved"], required: true, default: "open" },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: "Customer" },
  createdAt: { type: Date, required: true },
  acknowledgedAt: { type: Date, default: null },
  resolvedAt: { type: Date, default: null },
  /** The staff member who acknowledged or resolved it last. */
  by: { type: Schema.Types.ObjectId, default: null, ref: "Staff" },
});

/**
 * A table session: one sitting at a table, from the first guest until the tab is paid (or staff
 * close an empty one). Guests join it (`customerIds`) by opening the table's bill or calling
 * for service; those who order are members through their orders.
 *
 * The tab's payment state (`claims`, `equalSplit`) and `requests` change under concurrency, so
 * every write of them is conditional on `version` and increments it (optimistic concurrency,
 * one document: atomic on MongoDB and on the local stand-in); a writer that lost re-reads and
 * retries (`updateTableSession` in ./sessions).
 */
const tableSessionSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    tableId: { type: Schema.Types.ObjectId, required: true, ref: "Table" },
    status: { type: String, enum: ["open", "closed"], required: true, default: "open" },
    openedAt: { type: Date, required: true, default: () => new Date() },
    closedAt: { type: Date, default: null },
    /** Why it closed: the tab was paid, staff closed it empty, or (never stored yet) null while open. */
    closeReason: { type: String, enum: ["paid", "empty", null], default: null },
    /** The staff member who closed it, when staff did. */
    closedBy: { type: Schema.Types.ObjectId, default: null, ref: "Staff" },
    customerIds: { type: [Schema.Types.ObjectId], default: [] },
    claims: { type: [claimSchema], default: [] },
    /** The equal split in progress (`EqualSplitState`): fixed by its first part's payment. */
    equalSplit: {
      type: new Schema(
        { parts: { type: Number, required: true }, base: { type: amountsSchema, required: true }, lineIds: [String] },
        { _id: false },
      ),
      default: null,
    },
    requests: { type: [serviceRequestSchema], default: [] },
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
tableSessionSchema.index({ restaurantId: 1, tableId: 1, status: 1 });
// The floor view: a restaurant's open sessions.
tableSessionSchema.index({ restaurantId: 1, status: 1 });

export type TableSessionDoc = InferSchemaType<typeof tableSessionSchema> & { _id: Types.ObjectId };
export const TableSession: Model<TableSessionDoc> =
  (mongoose.models.TableSession as Model<TableSessionDoc>) ?? mongoose.model("TableSession", tableSessionSchema);
