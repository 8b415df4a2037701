import {
  ANALYTICS_TOP_ITEMS,
  businessDate,
  datesInRange,
  paymentFigures,
  percentileNearestRank,
  type AnalyticsRangeInput,
  type AnalyticsSummary,
  type ItemSales,
  type RevenueFigures,
} from "@tabletap/core";
import { Order, Payment, Restaurant, type OrderDoc } from "@tabletap/db";
import { stringify } from "csv-stringify/sync";
import { Types, type PipelineStage } from "mongoose";
import { NotFoundError } from "../errors";
import type { StaffPrincipal } from "../trpc";

/** The statuses whose orders are not revenue (they appear only among the exits). */
const EXIT_STATUSES = ["cancelled", "rejected"] as const;

/** The restaurant's time zone and currency. @throws NotFoundError when it no longer exists. */
async function restaurantOf(manager: StaffPrincipal): Promise<{ timeZone: string; currency: string }> {
  const restaurant = await Restaurant.findById(manager.restaurantId, { timeZone: 1, currency: 1 }).lean();
  if (!restaurant) throw new NotFoundError("We couldn't find your restaurant.");
  return restaurant;
}

/**
 * The orders of the range (the index { restaurantId, businessDate, number } serves it on MongoDB),
 * or the payments of the range (by the index { restaurantId, businessDate }: a payment's business
 * date is the day it was started on, in the restaurant's time zone).
 */
function rangeFilter(manager: StaffPrincipal, input: AnalyticsRangeInput) {
  return {
    restaurantId: new Types.ObjectId(manager.restaurantId),
    businessDate: { $gte: input.from, $lte: input.to },
  };
}

const notAnExit = { status: { $nin: [...EXIT_STATUSES] } };
const money = {
  subtotal: { $sum: "$subtotal" },
  serviceCharge: { $sum: "$serviceCharge" },
  tax: { $sum: "$tax" },
  tip: { $sum: "$tip" },
  total: { $sum: "$total" },
  orders: { $sum: 1 },
};
/** The `at` of the order's first `status` change in its history. */
const reachedAt = (status: string) => ({
  $arrayElemAt: [
    {
      $map: {
        input: { $filter: { input: "$statusHistory", as: "c", cond: { $eq: ["$$c.status", status] } } },
        as: "c",
        in: "$$c.at",
      },
    },
    0,
  ],
});
const itemSales = (sortBy: "quantity" | "revenue"): PipelineStage.FacetPipelineStage[] => [
  { $match: notAnExit },
  { $unwind: "$lines" },
  {
    $group: {
      _id: "$lines.menuItemId",
      // Orders come sorted oldest first, so this is the item's newest name.
      name: { $last: "$lines.name" },
      quantity: { $sum: "$lines.quantity" },
      revenue: { $sum: "$lines.lineTotal" },
    },
  },
  { $sort: { [sortBy]: -1, name: 1 } },
  { $limit: ANALYTICS_TOP_ITEMS },
];

interface FacetResult {
  days: ({ _id: string } & RevenueFigures)[];
  byQuantity: ({ _id: Types.ObjectId } & Omit<ItemSales, "menuItemId">)[];
  byRevenue: ({ _id: Types.ObjectId } & Omit<ItemSales, "menuItemId">)[];
  prepAverage: { _id: null; orders: number; averageSeconds: number }[];
  prepHistogram: { _id: number; count: number }[];
  hours: { _id: number; orders: number }[];
  exits: { _id: { status: "cancelled" | "rejected"; reason?: string | null }; count: number }[];
}

const ZERO: RevenueFigures = { subtotal: 0, serviceCharge: 0, tax: 0, tip: 0, total: 0, orders: 0 };

/**
 * The analytics of the manager's restaurant for business days `from`–`to` (inclusive, its time
 * zone), as `AnalyticsSummary` (@tabletap/core/analytics): revenue per business day (every day,
 * zeros included) and in total, average order value, top items, prep time, orders by local hour,
 * cancellations and rejections by reason; and what the bill's payments collected, their tips and
 * refunds (`paymentFigures`, of the range's paid payments). Another restaurant's orders and
 * payments are never counted.
 *
 * Revenue orders: every order that is not cancelled or rejected, including those still in
 * progress (a placed order is revenue until someone cancels it), whatever their payment status;
 * amounts are the server-priced ones stored on the order (paise).
 *
 * One `Order.aggregate` with `$match` (on the { restaurantId, businessDate, number } index),
 * `$sort`, `$facet`, `$group`, `$unwind`, `$project`, `$limit`, `$filter`/`$map`/`$arrayElemAt`,
 * `$subtract`/`$divide`/`$trunc` and `$hour` with a `timezone` — each run by MongoDB and by the
 * local stand-in (mongo-java-server 1.47; probed). Business days are the `businessDate` stored at
 * write time (DESIGN.md: dates aren't computed in the pipeline); the local hour is computed with
 * `$hour: { date: "$createdAt", timezone }`, which both support, so nothing more is stored. The
 * 90th percentile is the one step in TypeScript: neither the stand-in nor MongoDB before 7.0 has
 * `$percentile`, so the pipeline returns a histogram of whole seconds (bounded by the distinct
 * durations, not by the orders) and `percentileNearestRank` reads it.
 *
 * @throws NotFoundError when the manager's restaurant no longer exists.
 */
export async function analyticsSummary(manager: StaffPrincipal, input: AnalyticsRangeInput): Promise<AnalyticsSummary> {
  const { timeZone, currency } = await restaurantOf(manager);
  const paidPayments = Payment.find(
    { ...rangeFilter(manager, input), status: "paid" },
    { status: 1, total: 1, tip: 1, refunded: 1 },
  )
    .lean()
    .then(paymentFigures);
  const [payments, [result]] = await Promise.all([
    paidPayments,
    Order.aggregate<FacetResult>([
      { $match: rangeFilter(manager, input) },
      { $sort: { businessDate: 1, number: 1 } },
      {
        $facet: {
          days: [{ $match: notAnExit }, { $group: { _id: "$businessDate", ...money } }],
          byQuantity: itemSales("quantity"),
          byRevenue: itemSales("revenue"),
          // Ready is reached only through accepted (ORDER_TRANSITIONS), and such an order is never cancelled.
          prepAverage: [
            { $match: { "statusHistory.status": "ready" } },
            { $project: { seconds: { $divide: [{ $subtract: [reachedAt("ready"), reachedAt("accepted")] }, 1000] } } },
            { $group: { _id: null, orders: { $sum: 1 }, averageSeconds: { $avg: "$seconds" } } },
          ],
          prepHistogram: [
            { $match: { "statusHistory.status": "ready" } },
            {
              $project: {
                seconds: { $trunc: { $divide: [{ $subtract: [reachedAt("ready"), reachedAt("accepted")] }, 1000] } },
              },
            },
            { $group: { _id: "$seconds", count: { $sum: 1 } } },
          ],
          hours: [
            { $match: notAnExit },
            { $group: { _id: { $hour: { date: "$createdAt", timezone: timeZone } }, orders: { $sum: 1 } } },
          ],
          exits: [
            { $match: { status: { $in: [...EXIT_STATUSES] } } },
            { $group: { _id: { status: "$status", reason: "$rejectionReason" }, count: { $sum: 1 } } },
          ],
        },
      },
    ]),
  ]);
  if (!result) throw new Error("analyticsSummary: $facet returned no document");

  const byDate = new Map(result.days.map(({ _id, ...figures }) => [_id, figures]));
  const days = datesInRange(input.from, input.to).map((date) => ({ date, ...(byDate.get(date) ?? ZERO) }));
  const totals = days.reduce<RevenueFigures>(
    (sum, day) => ({
      subtotal: sum.subtotal + day.subtotal,
      serviceCharge: sum.serviceCharge + day.serviceCharge,
      tax: sum.tax + day.tax,
      tip: sum.tip + day.tip,
      total: sum.total + day.total,
      orders: sum.orders + day.orders,
    }),
    ZERO,
  );
  const toItem = ({ _id, name, quantity, revenue }: FacetResult["byQuantity"][number]): ItemSales => ({
    menuItemId: _id.toString(),
    name,
    quantity,
    revenue,
  });
  const ordersByHour = Array.from({ length: 24 }, () => 0);
  for (const hour of result.hours) ordersByHour[hour._id] = hour.orders;
  const prep = result.prepAverage[0];

  return {
    from: input.from,
    to: input.to,
    timeZone,
    currency,
    days,
    totals,
    averageOrderValue: totals.orders > 0 ? Math.round(totals.subtotal / totals.orders) : 0,
    topItems: { byQuantity: result.byQuantity.map(toItem), byRevenue: result.byRevenue.map(toItem) },
    prepTime: {
      orders: prep?.orders ?? 0,
      averageSeconds: prep ? Math.round(prep.averageSeconds) : null,
      p90Seconds: percentileNearestRank(
        result.prepHistogram.map((bin) => ({ value: bin._id, count: bin.count })),
        90,
      ),
    },
    ordersByHour,
    payments,
    exits: result.exits
      .map(({ _id, count }) => ({ status: _id.status, reason: _id.reason ?? null, count }))
      .sort(
        (a, b) =>
          b.count - a.count || a.status.localeCompare(b.status) || (a.reason ?? "").localeCompare(b.reason ?? ""),
      ),
  };
}

/** The restaurant's business date today ("YYYY-MM-DD") and its time zone, for the analytics page's presets. */
export async function analyticsToday(manager: StaffPrincipal): Promise<{ today: string; timeZone: string }> {
  const { timeZone } = await restaurantOf(manager);
  return { today: businessDate(new Date(), timeZone), timeZone };
}

/** Paise as rupees with 2 decimals ("1250.00"), the CSV's money format. */
const rupees = (paise: number) => (paise / 100).toFixed(2);

/** The CSV's header, in column order. */
const ORDERS_CSV_COLUMNS = [
  "Number",
  "Business date",
  "Placed at (UTC)",
  "Table",
  "Status",
  "Subtotal",
  "Service charge",
  "Tax",
  "Tip",
  "Total",
  "Items",
] as const;

/**
 * The orders of business days `from`–`to` of the manager's restaurant as CSV (RFC 4180: comma,
 * CRLF, fields quoted when needed, by `csv-stringify`), every order of every status, oldest
 * first: one row per order with `ORDERS_CSV_COLUMNS` (amounts in rupees with 2 decimals; items as
 * "2 × Butter Naan; 1 × Masala Chai (Large)"). Cells that start with =, +, -, @, tab or CR are
 * prefixed with ' (`escape_formulas`, OWASP "CSV Injection"), so a dish named "=HYPERLINK(...)"
 * is never run by a spreadsheet. Returns the CSV and a file name for `Content-Disposition`.
 * @throws NotFoundError when the manager's restaurant no longer exists.
 */
export async function ordersCsv(
  manager: StaffPrincipal,
  input: AnalyticsRangeInput,
): Promise<{ filename: string; csv: string }> {
  await restaurantOf(manager);
  const orders = await Order.find(rangeFilter(manager, input), {
    number: 1,
    businessDate: 1,
    createdAt: 1,
    tableLabel: 1,
    status: 1,
    subtotal: 1,
    serviceCharge: 1,
    tax: 1,
    tip: 1,
    total: 1,
    lines: 1,
  })
    .sort({ businessDate: 1, number: 1 })
    .lean<OrderDoc[]>();
  const rows = orders.map((order) => [
    order.number,
    order.businessDate,
    order.createdAt.toISOString(),
    order.tableLabel,
    order.status,
    rupees(order.subtotal),
    rupees(order.serviceCharge),
    rupees(order.tax),
    rupees(order.tip),
    rupees(order.total),
    order.lines
      .map((line) => {
        const options = line.modifiers.map((m) => m.name).join(", ");
        return `${line.quantity} × ${line.name}${options ? ` (${options})` : ""}`;
      })
      .join("; "),
  ]);
  const csv = stringify([[...ORDERS_CSV_COLUMNS], ...rows], { record_delimiter: "windows", escape_formulas: true });
  return { filename: `orders-${input.from}-to-${input.to}.csv`, csv };
}
