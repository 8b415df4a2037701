import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/** A table session: one sitting at a table, from the first order until staff close the bill. */
const tableSessionSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    tableId: { type: Schema.Types.ObjectId, required: true, ref: "Table" },
    status: { type: String, enum: ["open", "closed"], required: true, default: "open" },
    openedAt: { type: Date, required: true, default: () => new Date() },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
tableSessionSchema.index({ restaurantId: 1, tableId: 1, status: 1 });

export type TableSessionDoc = InferSchemaType<typeof tableSessionSchema>;
export const TableSession: Model<TableSessionDoc> =
  (mongoose.models.TableSession as Model<TableSessionDoc>) ?? mongoose.model("TableSession", tableSessionSchema);
