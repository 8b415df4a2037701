import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/**
 * A guest, identified by a verified phone number in E.164. Not tenant-scoped: one guest, many
 * restaurants. `email` is where they want receipts; nothing is sent to it until they prove it is
 * theirs with an emailed code (`emailVerifiedAt`, reset whenever the address changes).
 */
const customerSchema = new Schema(
  {
    phone: { type: String, required: true, unique: true },
    name: { type: String, default: null, trim: true },
    email: { type: String, default: null, trim: true, lowercase: true },
    /** When the guest proved `email` is theirs (UTC); null while it is unverified. */
    emailVerifiedAt: { type: Date, default: null },
    lastSeenAt: { type: Date, default: () => new Date() },
  },
  { timestamps: true },
);

/** A staff account of one restaurant; `passwordHash` is bcrypt. */
const staffSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: ["staff", "manager"], required: true, default: "staff" },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);

export type CustomerDoc = InferSchemaType<typeof customerSchema> & { _id: Types.ObjectId };
export type StaffDoc = InferSchemaType<typeof staffSchema> & { _id: Types.ObjectId };
export const Customer: Model<CustomerDoc> =
  (mongoose.models.Customer as Model<CustomerDoc>) ?? mongoose.model("Customer", customerSchema);
export const Staff: Model<StaffDoc> =
  (mongoose.models.Staff as Model<StaffDoc>) ?? mongoose.model("Staff", staffSchema);
