/**
 * `pnpm --filter @tabletap/api eta:measure`: how well the ETA estimator (@tabletap/core/eta)
 * predicts the seeded history. Seeds a restaurant `eta-measure` (the demo menu) with 30 days of
 * history ending on a fixed date (`seedHistory`, deterministic; a second run reuses it) into
 * `MONGODB_URI` (validated by `dbEnv`), then replays it: for each order that reached ready, the estimate made when it was
 * placed, from the history of the days before it (`prepStats`, as the API's cached figures) and
 * the tickets open at that moment (placed and not yet ready or ended, started if a cook had
 * started them), against its real ready time. Prints the median and 90th-percentile absolute
 * error of the likely time (minutes), how often the real time fell in the earliest–latest range,
 * and the same error for a baseline that ignores the load (pickup + prep only).
 */
import { estimateReady, prepStats, quantile, type EtaTicket, type TimedOrder } from "@tabletap/core";
import { connectDb, dbEnv, disconnectDb, Order, Restaurant } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { seedHistory } from "@tabletap/db/seed-history";
import { ETA_ORDER_FIELDS, timedOrder, type EtaOrderDoc } from "../use-cases/eta";

const SLUG = "eta-measure";
/** The seeded history ends the day before this instant, so every run replays the same orders. */
const HISTORY_END = new Date("2026-11-01T06:30:00Z");
/** Orders of the first days have little history before them; the figure counts those after this many days. */
const WARM_UP_DAYS = 7;

await connectDb(dbEnv().MONGODB_URI);
await seedDemo({ slug: SLUG, staffEmailDomain: `${SLUG}.test` });
await seedHistory(SLUG, 30, HISTORY_END);
const restaurant = await Restaurant.findOne({ slug: SLUG }).lean();
if (!restaurant) throw new Error(`no restaurant ${SLUG}`);
const orders = await Order.find({ restaurantId: restaurant._id }, { ...ETA_ORDER_FIELDS, businessDate: 1 })
  .sort({ createdAt: 1 })
  .lean<(EtaOrderDoc & { businessDate: string })[]>();
await disconnectDb();

/** When an order left the line (first ready, cancelled or rejected), ms; Infinity if never. */
const leftAt = (order: EtaOrderDoc) =>
  order.statusHistory.find((c) => ["ready", "cancelled", "rejected"].includes(c.status))?.at.getTime() ?? Infinity;
const startedAt = (order: EtaOrderDoc) => order.statusHistory.find((c) => c.status === "preparing")?.at.getTime();

const days = [...new Set(orders.map((o) => o.businessDate))].sort();
const timed = new Map(orders.map((o) => [o, timedOrder(o)] as const));
const errors: number[] = [];
const baselineErrors: number[] = [];
let inRange = 0;
for (const [dayIndex, day] of days.entries()) {
  if (dayIndex < WARM_UP_DAYS) continue;
  const stats = prepStats(
    orders.filter((o) => o.businessDate < day).flatMap((o): TimedOrder[] => (timed.get(o) ? [timed.get(o)!] : [])),
  );
  for (const order of orders.filter((o) => o.businessDate === day)) {
    const actual = timed.get(order);
    if (!actual) continue;
    const now = actual.placedAt;
    const ahead: EtaTicket[] = orders
      .filter((o) => o !== order && o.createdAt.getTime() < now && leftAt(o) > now)
      .map((o) => {
        const started = startedAt(o);
        return {
          placedAt: o.createdAt.getTime(),
          startedAt: started !== undefined && started <= now ? started : null,
          lines: o.lines.map((l) => ({ menuItemId: l.menuItemId.toString(), station: l.station })),
        };
      });
    const own: EtaTicket = { placedAt: now, startedAt: null, lines: actual.lines };
    const estimate = estimateReady(stats, own, ahead, now);
    const idle = estimateReady(stats, own, [], now);
    errors.push(Math.abs(estimate.likely - actual.readyAt) / 60_000);
    baselineErrors.push(Math.abs(idle.likely - actual.readyAt) / 60_000);
    if (actual.readyAt >= estimate.earliest && actual.readyAt <= estimate.latest) inRange += 1;
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const fmt = (minutes: number) => minutes.toFixed(1);
console.log(
  `ETA on the seeded history (${SLUG}: ${orders.length} orders on ${days.length} days; ` +
    `${errors.length} orders that reached ready after the first ${WARM_UP_DAYS} days)`,
);
console.log(`  median absolute error: ${fmt(quantile(sorted(errors), 0.5))} min`);
console.log(`  90th percentile:       ${fmt(quantile(sorted(errors), 0.9))} min`);
console.log(`  ready within the range shown: ${Math.round((100 * inRange) / errors.length)} %`);
console.log(`  baseline without the load (pickup + prep): median ${fmt(quantile(sorted(baselineErrors), 0.5))} min`);
