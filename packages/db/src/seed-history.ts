/**
 * Order history for the demo restaurant, so the admin's analytics mean something on a fresh
 * start: past days of realistic orders, bulk-inserted, without outbox events (history is never
 * delivered to the worker or the screens).
 */
import { addDays, businessDate, priceOrder, type CartLine, type PricingMenuItem } from "@tabletap/core";
import { Types } from "mongoose";
import { Customer, MenuItem, Order, OrderCounter, Restaurant, Staff, Table, TableSession } from "./models";
import { toPricingMenuItem } from "./views";

/** mulberry32, a small seeded PRNG (uniform in [0, 1)); its seed here is a hash of the date. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of a string, the PRNG seed of one day, so a day's orders never depend on when they were seeded. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** The UTC instant of wall-clock `minutes` after midnight of `date` ("YYYY-MM-DD") in `timeZone`. */
function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(instant);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - instant;
  };
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/** Minutes each kitchen station takes for a dish, [shortest, longest]. */
const PREP_MINUTES: Record<string, [number, number]> = {
  bar: [3, 6],
  dessert: [4, 9],
  tandoor: [9, 16],
  kitchen: [11, 22],
};
const REJECT_REASONS = ["Kitchen is closing", "Item ran out", "Duplicate order"];
const CANCEL_REASONS = ["Guest changed their mind", "Guest left", "Took too long"];
/** Diners' phones (+91 9000 00xxxx), shared by every restaurant seeded with history. */
const DINERS = 40;

/** What `seedHistory` inserted. */
export interface HistorySeedResult {
  days: number;
  orders: number;
}

/**
 * Seeds `days` past business days (yesterday and before, in the restaurant's time zone) of
 * orders for the restaurant `slug`: lunch (12:30–14:30) and dinner (19:30–22:00) peaks, more on
 * weekends, each sitting 1–3 rounds at one table in a closed table session; dishes of the live
 * menu (available ones) with valid modifier choices priced by `priceOrder`; tips on about a
 * third of the bills; about 94 % served with their status history (accepted → preparing → ready
 * → served, prep time by the slowest dish's station and the rush), the rest rejected or
 * cancelled with a reason. Numbers run 1, 2, ... per business day (counters set to match).
 *
 * Deterministic (a PRNG seeded by the date) and idempotent: a day that already has orders is
 * skipped, so a second run inserts nothing and a run a day later adds just the new yesterday.
 * Bulk-inserted (one `insertMany` of orders), with no outbox events.
 */
export async function seedHistory(slug = "demo", days = 30, now = new Date()): Promise<HistorySeedResult> {
  const restaurant = await Restaurant.findOne({ slug }).lean();
  if (!restaurant) throw new Error(`seedHistory: no restaurant "${slug}"`);
  const restaurantId = restaurant._id;
  const today = businessDate(now, restaurant.timeZone);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days));
  const seeded = new Set(
    await Order.distinct("businessDate", { restaurantId, businessDate: { $gte: dates[0], $lte: today } }),
  );
  const todo = dates.filter((date) => !seeded.has(date));
  if (todo.length === 0) return { days: 0, orders: 0 };

  const [items, tables, crew] = await Promise.all([
    MenuItem.find({ restaurantId, available: true }).sort({ sortOrder: 1, name: 1 }).lean(),
    Table.find({ restaurantId, active: true }).sort({ label: 1 }).lean(),
    Staff.findOne({ restaurantId, role: "staff" }, { _id: 1 }).lean(),
  ]);
  // Status changes are made by the restaurant's staff member, as on the kitchen display.
  const by = crew ? `staff:${crew._id.toString()}` : "system";
  const menu = new Map(items.map((item) => [item._id.toString(), toPricingMenuItem(item)]));
  const dishes = [...menu.values()];
  const phones = Array.from({ length: DINERS }, (_, i) => `+9190000${String(i).padStart(5, "0")}`);
  await Customer.bulkWrite(
    phones.map((phone) => ({ updateOne: { filter: { phone }, update: { $setOnInsert: { phone } }, upsert: true } })),
  );
  const customers = (await Customer.find({ phone: { $in: phones } }, { _id: 1 }).lean()).map((c) => c._id);

  /** Orders as stored (cast by the Order model on insert). */
  const orders: Record<string, unknown>[] = [];
  const sessions: {
    _id: Types.ObjectId;
    restaurantId: Types.ObjectId;
    tableId: Types.ObjectId;
    status: "closed";
    openedAt: Date;
    closedAt: Date;
  }[] = [];
  const counters: { date: string; seq: number }[] = [];
  for (const date of todo) {
    const random = prng(hash(`${slug}:${date}`));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const between = (low: number, high: number) => low + random() * (high - low);
    const weekend = [0, 5, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
    // Sittings: start minute of the day and whether it is in a rush.
    const sittings: { start: number; rush: boolean }[] = [];
    const add = (count: number, from: number, to: number, rush: boolean) => {
      for (let i = 0; i < count; i += 1) sittings.push({ start: Math.round(between(from, to)), rush });
    };
    add(Math.round(between(2, 4)), 11 * 60 + 5, 12 * 60 + 20, false);
    add(Math.round(between(weekend ? 9 : 6, weekend ? 13 : 9)), 12 * 60 + 30, 14 * 60 + 30, true);
    add(Math.round(between(2, 5)), 15 * 60, 19 * 60, false);
    add(Math.round(between(weekend ? 12 : 8, weekend ? 17 : 12)), 19 * 60 + 30, 22 * 60, true);
    add(Math.round(between(1, 3)), 22 * 60, 22 * 60 + 40, false);

    const dayOrders: { placed: number; build: (number: number) => Record<string, unknown> }[] = [];
    for (const sitting of sittings) {
      const table = pick(tables);
      const customerId = pick(customers);
      const sessionId = new Types.ObjectId();
      const rounds = random() < 0.45 ? 1 : random() < 0.75 ? 2 : 3;
      let at = sitting.start;
      for (let round = 0; round < rounds; round += 1) {
        const lines: CartLine[] = [];
        for (let n = Math.ceil(between(1, round === 0 ? 4 : 2.5)); n > 0; n -= 1) {
          const dish = pick(dishes);
          if (lines.some((line) => line.menuItemId === dish.id)) continue;
          lines.push({ menuItemId: dish.id, quantity: random() < 0.75 ? 1 : 2, optionIds: choices(dish, random) });
        }
        const last = round === rounds - 1;
        const draft = priceOrder({
          lines,
          menu,
          taxBps: restaurant.taxBps,
          serviceChargeBps: restaurant.serviceChargeBps,
        });
        const tip = last && random() < 0.35 ? Math.round((draft.subtotal * between(0.05, 0.1)) / 1000) * 1000 : 0;
        const priced =
          tip > 0
            ? priceOrder({ lines, menu, taxBps: restaurant.taxBps, serviceChargeBps: restaurant.serviceChargeBps, tip })
            : draft;
        const placedMinute = at;
        const fate = random();
        const stations = priced.lines.map((line) => line.station);
        const prepMinutes =
          Math.max(...stations.map((s) => between(...(PREP_MINUTES[s] ?? [8, 15])))) *
          (sitting.rush ? between(1.1, 1.4) : 1);
        const acceptAfter = between(0.3, sitting.rush ? 4 : 2);
        const steps =
          fate < 0.03
            ? [{ status: "rejected", after: between(0.5, 3), reason: pick(REJECT_REASONS) }]
            : fate < 0.06
              ? [
                  { status: "accepted", after: acceptAfter, reason: null },
                  { status: "cancelled", after: between(2, 8), reason: pick(CANCEL_REASONS) },
                ]
              : [
                  { status: "accepted", after: acceptAfter, reason: null },
                  { status: "preparing", after: between(0.5, 2), reason: null },
                  { status: "ready", after: prepMinutes, reason: null },
                  { status: "served", after: between(1, 4), reason: null },
                ];
        const placedAt = zonedInstant(date, placedMinute + random(), restaurant.timeZone);
        let clock = placedAt.getTime();
        const history = [
          { status: "placed", at: placedAt, by: `guest:${customerId.toString()}`, reason: null as string | null },
        ];
        for (const step of steps) {
          clock += Math.round(step.after * 60_000);
          history.push({ status: step.status, at: new Date(clock), by, reason: step.reason });
        }
        const final = history.at(-1);
        const exit = final && (final.status === "rejected" || final.status === "cancelled");
        dayOrders.push({
          placed: placedAt.getTime(),
          build: (number) => ({
            restaurantId,
            tableId: table._id,
            tableLabel: table.label,
            tableSessionId: sessionId,
            customerId,
            idempotencyKey: `history:${slug}:${date}:${number}`,
            businessDate: date,
            number,
            lines: priced.lines.map((line) => ({ ...line, menuItemId: new Types.ObjectId(line.menuItemId) })),
            currency: restaurant.currency,
            subtotal: priced.subtotal,
            serviceCharge: priced.serviceCharge,
            tax: priced.tax,
            tip: priced.tip,
            total: priced.total,
            status: final?.status,
            statusHistory: history,
            rejectionReason: exit ? (final.reason ?? null) : null,
            payment: {
              method: exit ? null : "counter",
              status: exit ? "unpaid" : "paid",
              gatewayOrderId: null,
              gatewayPaymentId: null,
            },
            outbox: [],
            createdAt: placedAt,
            updatedAt: final?.at ?? placedAt,
          }),
        });
        at += Math.round(between(12, 30));
      }
      sessions.push({
        _id: sessionId,
        restaurantId,
        tableId: table._id,
        status: "closed",
        openedAt: zonedInstant(date, sitting.start, restaurant.timeZone),
        closedAt: zonedInstant(date, at + 20, restaurant.timeZone),
      });
    }
    dayOrders.sort((a, b) => a.placed - b.placed);
    dayOrders.forEach((order, index) => orders.push(order.build(index + 1)));
    counters.push({ date, seq: dayOrders.length });
  }

  await TableSession.insertMany(sessions);
  await Order.insertMany(orders, { timestamps: false });
  await OrderCounter.bulkWrite(
    counters.map(({ date, seq }) => ({
      updateOne: { filter: { restaurantId, businessDate: date }, update: { $max: { seq } }, upsert: true },
    })),
  );
  return { days: todo.length, orders: orders.length };
}

/** Valid modifier choices for `dish`: between each group's minimum and maximum of its available options. */
function choices(dish: PricingMenuItem, random: () => number): string[] {
  return dish.modifierGroups.flatMap((group) => {
    const options = group.options.filter((o) => o.available !== false);
    // The minimum, sometimes one more (within the maximum).
    const extra = group.maxSelect > group.minSelect && random() < 0.4 ? 1 : 0;
    const count = Math.min(options.length, group.minSelect + extra);
    const start = Math.floor(random() * options.length);
    return Array.from({ length: count }, (_, i) => options[(start + i) % options.length]?.id ?? "");
  });
}
