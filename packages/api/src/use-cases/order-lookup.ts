import {
  businessDate,
  ORDER_LOOKUP_POLICY,
  parseOrderQuery,
  toE164,
  type FindOrdersInput,
  type OrderLookupView,
} from "@tabletap/core";
import { isPhoneCountry } from "@tabletap/core/phone";
import { Customer, Order, Restaurant, toOrderView, type OrderDoc } from "@tabletap/db";
import type { Types } from "mongoose";
import { InvalidInputError, NotFoundError } from "../errors";
import type { StaffPrincipal } from "../trpc";

/** A case-insensitive, whole-string match of `text` (regex characters escaped). */
function exactIgnoringCase(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i");
}

/**
 * Finds the staff member's restaurant's orders of today (its business date, in its time zone),
 * whatever their status (served, cancelled and rejected included, each with its full status
 * history), newest first, at most `ORDER_LOOKUP_POLICY.maxResults`. `input.query` is read by
 * core's `parseOrderQuery`:
 * - an order number ("42", "#042"): the unique `{restaurantId, businessDate, number}` index;
 * - a table label ("T7", any case): `{restaurantId, businessDate, tableLabel}`;
 * - a whole phone, normalised to E.164 with the restaurant's country (`toE164`): the customer
 *   by its unique phone, then `{restaurantId, businessDate, customerId}`;
 * - the last 4–9 digits of a phone: today's customers of the restaurant
 *   (`{restaurantId, businessDate, customerId}`), their phones read by `_id`; four bare digits
 *   also match order number 4210.
 * Another restaurant's orders are never read.
 * @throws InvalidInputError when a whole phone number isn't a valid one.
 */
export async function findOrders(staff: StaffPrincipal, input: FindOrdersInput): Promise<OrderLookupView> {
  const query = parseOrderQuery(input.query);
  if (!query) throw new InvalidInputError("Type an order number (42 or #042), a table (T7) or the guest's phone");
  const restaurant = await Restaurant.findById(staff.restaurantId, { timeZone: 1, country: 1 }).lean();
  if (!restaurant) throw new NotFoundError("Restaurant not found");
  const today = businessDate(new Date(), restaurant.timeZone);
  const scope = { restaurantId: staff.restaurantId, businessDate: today };

  const customersEndingIn = async (digits: string): Promise<Types.ObjectId[]> => {
    const ids = await Order.distinct("customerId", scope);
    const customers = await Customer.find({ _id: { $in: ids }, phone: { $regex: `${digits}$` } }, { _id: 1 }).lean();
    return customers.map((customer) => customer._id);
  };

  let filter: Record<string, unknown>;
  switch (query.kind) {
    case "number":
      filter = { ...scope, number: query.number };
      break;
    case "table":
      filter = { ...scope, tableLabel: exactIgnoringCase(query.label) };
      break;
    case "phone": {
      const country = restaurant.country ?? "";
      const region = isPhoneCountry(country) ? country : "IN";
      const phone = toE164(query.raw, region);
      if (!phone) throw new InvalidInputError(`"${query.raw}" isn't a phone number we can read`);
      const customer = await Customer.findOne({ phone }, { _id: 1 }).lean();
      filter = { ...scope, customerId: customer?._id ?? null };
      break;
    }
    case "phoneEnding":
      filter = { ...scope, customerId: { $in: await customersEndingIn(query.digits) } };
      break;
    case "numberOrPhoneEnding":
      filter = {
        ...scope,
        $or: [{ number: query.number }, { customerId: { $in: await customersEndingIn(query.digits) } }],
      };
      break;
  }

  const orders = await Order.find(filter)
    .sort({ number: -1 })
    .limit(ORDER_LOOKUP_POLICY.maxResults + 1)
    .lean<OrderDoc[]>();
  return {
    businessDate: today,
    orders: orders.slice(0, ORDER_LOOKUP_POLICY.maxResults).map(toOrderView),
    more: orders.length > ORDER_LOOKUP_POLICY.maxResults,
  };
}
