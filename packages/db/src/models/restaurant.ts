import { isPhoneCountry } from "@tabletap/core/phone";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/** A restaurant (tenant). Money settings are basis points: 500 = 5%. */
const restaurantSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    /** ISO 4217. */
    currency: { type: String, required: true, default: "INR" },
    /** ISO 3166-1 alpha-2 country the restaurant is in ("IN"). */
    country: {
      type: String,
      required: true,
      default: "IN",
      validate: { validator: isPhoneCountry, message: "Not an ISO 3166-1 alpha-2 country: {VALUE}" },
    },
    /**
     * Countries (ISO 3166-1 alpha-2) whose mobile numbers may be texted a sign-in code at its
     * tables (against SMS pumping); empty means its own `country` only (see `phoneCountriesOf`).
     */
    allowedPhoneCountries: {
      type: [String],
      default: [],
      validate: {
        validator: (countries: string[]) => countries.every(isPhoneCountry),
        message: "Every allowed phone country must be an ISO 3166-1 alpha-2 code",
      },
    },
    /** IANA time zone; business dates are computed in it. */
    timeZone: { type: String, required: true, default: "Asia/Kolkata" },
    taxBps: { type: Number, required: true, default: 500, min: 0, max: 10_000 },
    serviceChargeBps: { type: Number, required: true, default: 0, min: 0, max: 10_000 },
    /** The "pause ordering" switch: while true, guests see that the kitchen isn't taking orders and `order.place` refuses. */
    orderingPaused: { type: Boolean, required: true, default: false },
    /**
     * The overload threshold (minutes): when the kitchen's backlog (`menu.estimate`) is past it,
     * guests are warned before they order; null never warns.
     */
    kitchenBacklogWarnMinutes: { type: Number, default: null, min: 1, max: 240 },
    /** GST identification number printed on receipts (15 characters), null until the manager sets it. */
    gstin: { type: String, default: null, trim: true },
    /** Postal address printed on receipts. */
    address: { type: String, default: null, trim: true },
    /** Weekly opening hours in local time, "HH:MM"; day 0 = Sunday. */
    openingHours: [{ _id: false, day: { type: Number, min: 0, max: 6 }, opens: String, closes: String }],
  },
  { timestamps: true },
);

export type RestaurantDoc = InferSchemaType<typeof restaurantSchema>;
export const Restaurant: Model<RestaurantDoc> =
  (mongoose.models.Restaurant as Model<RestaurantDoc>) ?? mongoose.model("Restaurant", restaurantSchema);

/**
 * The countries whose numbers may be texted a sign-in code at the restaurant's tables: its
 * `allowedPhoneCountries`, or when none are set its own `country` (documents stored before these
 * fields existed count as an Indian restaurant, "IN").
 */
export function phoneCountriesOf(
  restaurant: Partial<Pick<RestaurantDoc, "country" | "allowedPhoneCountries">>,
): string[] {
  return restaurant.allowedPhoneCountries?.length ? restaurant.allowedPhoneCountries : [restaurant.country ?? "IN"];
}
