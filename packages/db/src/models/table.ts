import { randomBytes } from "node:crypto";
import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/**
 * A dining table. `code` is the unguessable token the table's QR code encodes (`/t/{code}`).
 * `openSessionId` points at the table session orders currently join (at most one at a time,
 * enforced by a conditional single-document update).
 */
const tableSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    label: { type: String, required: true, trim: true },
    seats: { type: Number, required: true, min: 1, max: 50, default: 4 },
    code: { type: String, required: true, unique: true },
    active: { type: Boolean, required: true, default: true },
    openSessionId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
tableSchema.index({ restaurantId: 1, label: 1 }, { unique: true });

export type TableDoc = InferSchemaType<typeof tableSchema> & { _id: Types.ObjectId };
export const Table: Model<TableDoc> =
  (mongoose.models.Table as Model<TableDoc>) ?? mongoose.model("Table", tableSchema);

/**
 * A new table code: 12 random bytes (96 bits from the OS CSPRNG) in base64url, 16 characters of
 * [A-Za-z0-9_-] (`tableCodeSchema`). Unguessable: the code is all a guest needs to order at the table.
 */
export function newTableCode(): string {
  return randomBytes(12).toString("base64url");
}
