import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/** A restaurant (tenant). Money settings are basis points: 500 = 5%. */
const restaurantSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    /** ISO 4217. */
    currency: { type: String, required: true, default: "INR" },
    /** IANA time zone; business dates are computed in it. */
    timeZone: { type: String, required: true, default: "Asia/Kolkata" },
    taxBps: { type: Number, required: true, default: 500, min: 0, max: 10_000 },
    serviceChargeBps: { type: Number, required: true, default: 0, min: 0, max: 10_000 },
    /** Weekly opening hours in local time, "HH:MM"; day 0 = Sunday. */
    openingHours: [{ _id: false, day: { type: Number, min: 0, max: 6 }, opens: String, closes: String }],
  },
  { timestamps: true },
);

export type RestaurantDoc = InferSchemaType<typeof restaurantSchema>;
export const Restaurant: Model<RestaurantDoc> =
  (mongoose.models.Restaurant as Model<RestaurantDoc>) ?? mongoose.model("Restaurant", restaurantSchema);
