import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";
import { ORDER_STATUSES, PAYMENT_STATUSES } from "@tabletap/core";

const orderModifierSchema = new Schema(
  {
    groupId: { type: String, required: true },
    groupName: { type: String, required: true },
    optionId: { type: String, required: true },
    name: { type: String, required: true },
    priceDelta: { type: Number, required: true },
  },
  { _id: false },
);

/** A line snapshotted at order time: name, unit price (paise) and modifiers never change afterwards. */
const orderLineSchema = new Schema(
  {
    menuItemId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    unitPrice: { type: Number, required: true },
    quantity: { type: Number, required: true },
    modifiers: { type: [orderModifierSchema], default: [] },
    notes: { type: String, default: null },
    lineTotal: { type: Number, required: true },
    station: { type: String, required: true },
    /** When its station bumped it as done (kitchen.bumpLine); null while still to make. */
    doneAt: { type: Date, default: null },
    /** The allergen ids the menu item listed at order time (core `ALLERGENS`), for the kitchen's allergen banner. */
    allergens: { type: [String], default: [] },
  },
  { _id: false },
);

const statusChangeSchema = new Schema(
  {
    status: { type: String, enum: ORDER_STATUSES, required: true },
    at: { type: Date, required: true },
    /** Who made the change: "system" (worker), "staff:{id}" or "guest:{id}". */
    by: { type: String, required: true },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/** An event still to be published to SQS (transactional outbox kept in the order document). */
const outboxEventSchema = new Schema(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * An order. Every amount is server-computed, in paise. `idempotencyKey` is unique per customer,
 * so a replayed `order.place` finds the first order instead of creating another.
 */
const orderSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    tableId: { type: Schema.Types.ObjectId, required: true, ref: "Table" },
    tableLabel: { type: String, required: true },
    tableSessionId: { type: Schema.Types.ObjectId, required: true, ref: "TableSession" },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: "Customer" },
    idempotencyKey: { type: String, required: true },
    /** Restaurant-local date "YYYY-MM-DD" the order belongs to (for daily numbering and reports). */
    businessDate: { type: String, required: true },
    /** Daily sequence number within the restaurant, 1-based. */
    number: { type: Number, required: true },
    lines: { type: [orderLineSchema], required: true },
    currency: { type: String, required: true },
    subtotal: { type: Number, required: true },
    serviceCharge: { type: Number, required: true },
    tax: { type: Number, required: true },
    tip: { type: Number, required: true, default: 0 },
    total: { type: Number, required: true },
    status: { type: String, enum: ORDER_STATUSES, required: true, default: "placed" },
    statusHistory: { type: [statusChangeSchema], default: [] },
    rejectionReason: { type: String, default: null },
    /** The guest's note for the whole order (core `MAX_ORDER_NOTE` characters at most), or null. */
    note: { type: String, default: null },
    /** Allergies the guest declared at checkout: allergen ids of core `ALLERGENS`. */
    allergies: { type: [String], default: [] },
    payment: {
      method: { type: String, enum: ["counter", "online", null], default: null },
      status: { type: String, enum: PAYMENT_STATUSES, required: true, default: "unpaid" },
      gatewayOrderId: { type: String, default: null },
      gatewayPaymentId: { type: String, default: null },
    },
    outbox: { type: [outboxEventSchema], default: [] },
    /** When the worker sent each guest notification; set once, so a redelivered event sends nothing twice. */
    notifiedAt: {
      /** The "your order is ready" text. */
      readySms: { type: Date, default: null },
      /** The text that the order was cancelled or rejected (with the reason). */
      exitSms: { type: Date, default: null },
      confirmationEmail: { type: Date, default: null },
    },
  },
  { timestamps: true },
);
orderSchema.index({ customerId: 1, idempotencyKey: 1 }, { unique: true });
orderSchema.index({ restaurantId: 1, status: 1, createdAt: 1 });
// A guest's order history (`order.mine`): newest first, ties broken by id.
orderSchema.index({ customerId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ restaurantId: 1, businessDate: 1, number: 1 }, { unique: true });
orderSchema.index({ "outbox.occurredAt": 1 });
// The kitchen's order lookup (kitchen.findOrders): today's orders of a table, or of a guest.
orderSchema.index({ restaurantId: 1, businessDate: 1, tableLabel: 1 });
orderSchema.index({ restaurantId: 1, businessDate: 1, customerId: 1 });
// The admin's tables list: the orders of the open table sessions.
orderSchema.index({ tableSessionId: 1 });

export type OrderDoc = InferSchemaType<typeof orderSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Order: Model<OrderDoc> =
  (mongoose.models.Order as Model<OrderDoc>) ?? mongoose.model("Order", orderSchema);

/** Per-restaurant, per-business-date order number sequence. */
const orderCounterSchema = new Schema({
  restaurantId: { type: Schema.Types.ObjectId, required: true },
  businessDate: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
});
orderCounterSchema.index({ restaurantId: 1, businessDate: 1 }, { unique: true });

export type OrderCounterDoc = InferSchemaType<typeof orderCounterSchema>;
export const OrderCounter: Model<OrderCounterDoc> =
  (mongoose.models.OrderCounter as Model<OrderCounterDoc>) ?? mongoose.model("OrderCounter", orderCounterSchema);
