import { randomUUID } from "node:crypto";
import { addDays, ANALYTICS_TOP_ITEMS, businessDate, type ItemSales } from "@tabletap/core";
import { Order, type OrderDoc } from "@tabletap/db";
import { seedHistory } from "@tabletap/db/seed-history";
import { seedPaidPayment } from "@tabletap/db/seed-payments";
import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { seedRestaurant, signedInStaff, type TestClient } from "../../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;
const TIME_ZONE = "Asia/Kolkata";
const EXITS = new Set(["cancelled", "rejected"]);

/** The local hour (0–23) of `at` in the restaurant's time zone, by Intl (not by the database). */
function localHour(at: Date): number {
  return Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" }).format(at),
  );
}

/** The top 10 of `items` by `key`, ties by name (as the summary ranks them). */
function top(items: ItemSales[], key: "quantity" | "revenue"): ItemSales[] {
  return [...items]
    .sort((a, b) => b[key] - a[key] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, ANALYTICS_TOP_ITEMS);
}

/** The summary's figures computed in plain TypeScript from the stored orders of `from`–`to`. */
function expectedSummary(orders: OrderDoc[]) {
  const revenue = orders.filter((order) => !EXITS.has(order.status));
  const days = new Map<
    string,
    { subtotal: number; serviceCharge: number; tax: number; tip: number; total: number; orders: number }
  >();
  const items = new Map<string, ItemSales>();
  const ordersByHour = Array.from({ length: 24 }, () => 0);
  for (const order of revenue) {
    const day = days.get(order.businessDate) ?? { subtotal: 0, serviceCharge: 0, tax: 0, tip: 0, total: 0, orders: 0 };
    day.subtotal += order.subtotal;
    day.serviceCharge += order.serviceCharge;
    day.tax += order.tax;
    day.tip += order.tip;
    day.total += order.total;
    day.orders += 1;
    days.set(order.businessDate, day);
    ordersByHour[localHour(order.createdAt)]! += 1;
    for (const line of order.lines) {
      const id = line.menuItemId.toString();
      const item = items.get(id) ?? { menuItemId: id, name: line.name, quantity: 0, revenue: 0 };
      item.quantity += line.quantity;
      item.revenue += line.lineTotal;
      items.set(id, item);
    }
  }
  const prep = orders
    .map((order) => {
      const at = (status: string) => order.statusHistory.find((change) => change.status === status)?.at.getTime();
      const [accepted, ready] = [at("accepted"), at("ready")];
      return accepted !== undefined && ready !== undefined ? (ready - accepted) / 1000 : null;
    })
    .filter((seconds) => seconds !== null)
    .sort((a, b) => a - b);
  // Nearest rank: the value of rank ⌈0.9 n⌉ (1-based), of whole seconds.
  const p90 = prep.length > 0 ? Math.trunc(prep[Math.ceil(0.9 * prep.length) - 1]!) : null;
  const exits = new Map<string, number>();
  for (const order of orders.filter((o) => EXITS.has(o.status))) {
    const key = `${order.status}|${order.rejectionReason ?? ""}`;
    exits.set(key, (exits.get(key) ?? 0) + 1);
  }
  const subtotal = revenue.reduce((sum, order) => sum + order.subtotal, 0);
  return {
    days,
    totals: {
      subtotal,
      serviceCharge: revenue.reduce((sum, order) => sum + order.serviceCharge, 0),
      tax: revenue.reduce((sum, order) => sum + order.tax, 0),
      tip: revenue.reduce((sum, order) => sum + order.tip, 0),
      total: revenue.reduce((sum, order) => sum + order.total, 0),
      orders: revenue.length,
    },
    averageOrderValue: revenue.length > 0 ? Math.round(subtotal / revenue.length) : 0,
    byQuantity: top([...items.values()], "quantity"),
    byRevenue: top([...items.values()], "revenue"),
    prepTime: {
      orders: prep.length,
      averageSeconds: prep.length > 0 ? Math.round(prep.reduce((sum, s) => sum + s, 0) / prep.length) : null,
      p90Seconds: p90,
    },
    ordersByHour,
    exits,
  };
}

/** Stores one order of `seeded` placed at `at` (businessDate as `order.place` stores it), straight in the database. */
async function storeOrder(
  seeded: Seeded,
  at: Date,
  opts: { tableLabel?: string; itemName?: string; status?: OrderDoc["status"]; tip?: number } = {},
) {
  const date = businessDate(at, TIME_ZONE);
  const number = (await Order.countDocuments({ restaurantId: seeded.restaurantId, businessDate: date })) + 1;
  const subtotal = 28000;
  const tax = 1400;
  const tip = opts.tip ?? 0;
  return Order.create({
    restaurantId: seeded.restaurantId,
    tableId: new Types.ObjectId(),
    tableLabel: opts.tableLabel ?? "T1",
    tableSessionId: new Types.ObjectId(),
    customerId: new Types.ObjectId(),
    idempotencyKey: randomUUID(),
    businessDate: date,
    number,
    lines: [
      {
        menuItemId: seeded.items.get("Paneer Tikka")!._id,
        name: opts.itemName ?? "Paneer Tikka",
        unitPrice: 28000,
        quantity: 1,
        modifiers: [{ groupId: "g", groupName: "Spice level", optionId: "o", name: "Hot", priceDelta: 0 }],
        lineTotal: 28000,
        station: "tandoor",
      },
    ],
    currency: "INR",
    subtotal,
    serviceCharge: 0,
    tax,
    tip,
    total: subtotal + tax + tip,
    status: opts.status ?? "served",
    statusHistory: [{ status: "placed", at, by: "guest:test" }],
    createdAt: at,
  });
}

describe("admin.analytics", () => {
  let history: Seeded;
  let manager: TestClient;
  let today: string;

  beforeAll(async () => {
    history = await seedRestaurant();
    await seedHistory(history.slug, 7);
    manager = await signedInStaff(history, "manager");
    today = businessDate(new Date(), TIME_ZONE);
  });

  it("summary: the seeded week's figures equal those computed from the stored orders", async () => {
    const range = { from: addDays(today, -7), to: addDays(today, -1) };
    const stored = await Order.find({
      restaurantId: history.restaurantId,
      businessDate: { $gte: range.from, $lte: range.to },
    }).lean<OrderDoc[]>();
    const expected = expectedSummary(stored);
    expect(stored.length).toBeGreaterThan(100);
    expect(expected.exits.size).toBeGreaterThan(0);

    const summary = await manager.call((api) => api.admin.analytics.summary(range));

    expect(summary.days.map((day) => day.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(range.from, i)));
    for (const day of summary.days) {
      const { date, ...figures } = day;
      expect(figures, date).toEqual(expected.days.get(date));
    }
    expect(summary.totals).toEqual(expected.totals);
    expect(summary.averageOrderValue).toBe(expected.averageOrderValue);
    expect(summary.topItems.byQuantity).toEqual(expected.byQuantity);
    expect(summary.topItems.byRevenue).toEqual(expected.byRevenue);
    expect(summary.prepTime).toEqual(expected.prepTime);
    expect(summary.ordersByHour).toEqual(expected.ordersByHour);
    expect(new Map(summary.exits.map((exit) => [`${exit.status}|${exit.reason ?? ""}`, exit.count]))).toEqual(
      expected.exits,
    );
    expect(summary).toMatchObject({ from: range.from, to: range.to, timeZone: TIME_ZONE, currency: "INR" });
  });

  it("summary: an order at 23:30 local time is of that business day and hour 23; one at 00:10 of the next day, hour 0", async () => {
    const seeded = await seedRestaurant();
    const client = await signedInStaff(seeded, "manager");
    // 2026-03-10 23:30 and 2026-03-11 00:10 in Asia/Kolkata (UTC+5:30).
    await storeOrder(seeded, new Date("2026-03-10T18:00:00Z"), { tip: 2000 });
    await storeOrder(seeded, new Date("2026-03-10T18:40:00Z"));

    const first = await client.call((api) => api.admin.analytics.summary({ from: "2026-03-10", to: "2026-03-10" }));
    expect(first.totals).toEqual({ subtotal: 28000, serviceCharge: 0, tax: 1400, tip: 2000, total: 31400, orders: 1 });
    expect(first.ordersByHour[23]).toBe(1);
    expect(first.ordersByHour.reduce((sum, n) => sum + n, 0)).toBe(1);

    const both = await client.call((api) => api.admin.analytics.summary({ from: "2026-03-10", to: "2026-03-11" }));
    expect(both.days.map((day) => [day.date, day.orders])).toEqual([
      ["2026-03-10", 1],
      ["2026-03-11", 1],
    ]);
    expect(both.ordersByHour[0]).toBe(1);
    expect(both.ordersByHour[23]).toBe(1);
  });

  it("summary: a range without orders gives zeros, and another restaurant's orders are never counted", async () => {
    const seeded = await seedRestaurant();
    const client = await signedInStaff(seeded, "manager");
    // The history restaurant has orders on every one of these days.
    const summary = await client.call((api) =>
      api.admin.analytics.summary({ from: addDays(today, -7), to: addDays(today, -1) }),
    );
    expect(summary.days).toHaveLength(7);
    for (const day of summary.days)
      expect(day).toEqual({ date: day.date, subtotal: 0, serviceCharge: 0, tax: 0, tip: 0, total: 0, orders: 0 });
    expect(summary.totals).toEqual({ subtotal: 0, serviceCharge: 0, tax: 0, tip: 0, total: 0, orders: 0 });
    expect(summary).toMatchObject({
      averageOrderValue: 0,
      topItems: { byQuantity: [], byRevenue: [] },
      prepTime: { orders: 0, averageSeconds: null, p90Seconds: null },
      ordersByHour: Array.from({ length: 24 }, () => 0),
      exits: [],
    });
  });

  it("summary: the range's paid payments — collected with tips, tips apart, refunds and net; nothing else counted", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const client = await signedInStaff(seeded, "manager");
    const day = "2026-04-02";
    const tipped = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      tip: 5_000,
      businessDate: day,
    });
    const refunded = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      businessDate: day,
      refunds: [
        { amount: 2_000, reason: "Cold chai", status: "processed" },
        { amount: 700, reason: "Bank declined", status: "failed" },
      ],
    });
    // Not counted: a payment still in checkout, one of the next day, and another restaurant's.
    await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      status: "created",
      businessDate: day,
    });
    await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      tip: 100,
      businessDate: "2026-04-03",
    });
    await seedPaidPayment({ restaurantId: other.restaurantId, customerId: null, tip: 100, businessDate: day });

    const summary = await client.call((api) => api.admin.analytics.summary({ from: day, to: day }));
    const collected = tipped.payment.total + refunded.payment.total;
    expect(summary.payments).toEqual({
      payments: 2,
      collected,
      tips: 5_000,
      refunded: 2_000,
      net: collected - 2_000,
    });
    const empty = await client.call((api) => api.admin.analytics.summary({ from: "2026-04-01", to: "2026-04-01" }));
    expect(empty.payments).toEqual({ payments: 0, collected: 0, tips: 0, refunded: 0, net: 0 });
  });

  it("summary and ordersCsv: bad ranges are BAD_REQUEST with a human message", async () => {
    const cases = [
      [{ from: "2026-03-11", to: "2026-03-10" }, "The end date can't be before the start date"],
      [{ from: "2026-02-30", to: "2026-03-10" }, "The start date must be a date like 2026-01-31"],
      [{ from: "2026-03-01", to: "10/03/2026" }, "The end date must be a date like 2026-01-31"],
      [{ from: "2025-01-01", to: "2026-01-02" }, "Choose at most 366 days"],
    ] as const;
    for (const [range, message] of cases) {
      await expect(manager.call((api) => api.admin.analytics.summary(range))).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message,
      });
      await expect(manager.call((api) => api.admin.analytics.ordersCsv(range))).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message,
      });
    }
    // 366 days (a leap year) is the longest range.
    await expect(
      manager.call((api) => api.admin.analytics.summary({ from: "2024-01-01", to: "2024-12-31" })),
    ).resolves.toMatchObject({ days: expect.any(Array) as unknown });
  });

  it("every analytics procedure is FORBIDDEN for staff who are not managers", async () => {
    const staff = await signedInStaff(history, "staff");
    const range = { from: addDays(today, -7), to: addDays(today, -1) };
    for (const call of [
      staff.call((api) => api.admin.analytics.summary(range)),
      staff.call((api) => api.admin.analytics.ordersCsv(range)),
      staff.call((api) => api.admin.analytics.today()),
    ])
      await expect(call).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only a manager can do this." });
  });

  it("today: the restaurant's business date and time zone", async () => {
    await expect(manager.call((api) => api.admin.analytics.today())).resolves.toEqual({ today, timeZone: TIME_ZONE });
  });

  it("ordersCsv: one quoted row per order of the range, amounts in rupees, formulas defused", async () => {
    const seeded = await seedRestaurant();
    const client = await signedInStaff(seeded, "manager");
    const first = await storeOrder(seeded, new Date("2026-03-10T08:15:00Z"), {
      tableLabel: '=HYPERLINK("http://x")',
      itemName: 'Chai, "cutting"',
      tip: 1050,
    });
    await storeOrder(seeded, new Date("2026-03-10T09:00:00Z"), { status: "cancelled", tableLabel: "@T2" });
    await storeOrder(seeded, new Date("2026-03-12T09:00:00Z")); // outside the range

    const { filename, csv } = await client.call((api) =>
      api.admin.analytics.ordersCsv({ from: "2026-03-10", to: "2026-03-11" }),
    );

    expect(filename).toBe("orders-2026-03-10-to-2026-03-11.csv");
    expect(csv.split("\r\n")).toEqual([
      "Number,Business date,Placed at (UTC),Table,Status,Subtotal,Service charge,Tax,Tip,Total,Items",
      `1,2026-03-10,2026-03-10T08:15:00.000Z,"'=HYPERLINK(""http://x"")",served,280.00,0.00,14.00,10.50,304.50,"1 × Chai, ""cutting"" (Hot)"`,
      "2,2026-03-10,2026-03-10T09:00:00.000Z,'@T2,cancelled,280.00,0.00,14.00,0.00,294.00,1 × Paneer Tikka (Hot)",
      "",
    ]);
    expect(first.number).toBe(1);
  });
});
