import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MenuCategory,
  MenuItem,
  newTableCode,
  Order,
  Staff,
  Table,
  toAdminMenuItemView,
  type MenuItemDoc,
} from "@tabletap/db";
import { seedPaidPayment } from "@tabletap/db/seed-payments";
import { audienceRouters } from "./root";
import { recordChange } from "./use-cases/audit";
import { randomPhone, seedRestaurant, signedInGuest, signedInStaff, TestClient } from "./testing";

/**
 * The authorization matrix: every procedure of the API called by every kind of caller, compared
 * with an explicit table of what each may do. The callers:
 * - `anonymous`: nobody signed in;
 * - `guest`: the guest who placed the target order at restaurant A; `otherGuest`: another guest;
 * - `staff`, `manager`: staff and manager of restaurant A;
 * - `foreignStaff`, `foreignManager`: staff and manager of restaurant B.
 * An outcome is `ok` or the tRPC error code the caller gets. Procedures aimed at one thing of
 * restaurant A (an order) answer NOT_FOUND to those who may not see it; a list answers `hidden`
 * when the target is not in it. A procedure of the router without a row fails the first test.
 */
const CALLERS = ["anonymous", "guest", "otherGuest", "staff", "manager", "foreignStaff", "foreignManager"] as const;
type CallerName = (typeof CALLERS)[number];
type Outcome = "ok" | "hidden" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST";

type Fixture = Awaited<ReturnType<typeof fixture>>;
type Api = Parameters<Parameters<TestClient["call"]>[0]>[0];

interface Row {
  /** Makes the call as the caller whose client `api` is; resolves to `ok`/`hidden`, or rejects with a tRPC error. */
  call(api: Api, fx: Fixture): Promise<unknown>;
  expect: Record<CallerName, Outcome>;
  /** Runs after every other row (it changes the caller's session). */
  last?: boolean;
}

/** Everyone gets the same outcome. */
const all = (outcome: Outcome): Record<CallerName, Outcome> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, outcome])) as Record<CallerName, Outcome>;
/** Only signed-in guests; the target's owner gets `owner`, another guest `other`. */
const guests = (owner: Outcome, other: Outcome = owner): Record<CallerName, Outcome> => ({
  ...all("UNAUTHORIZED"),
  guest: owner,
  otherGuest: other,
});
/** Only staff and managers; restaurant A's get `own`, restaurant B's get `foreign`. */
const staffOnly = (own: Outcome, foreign: Outcome): Record<CallerName, Outcome> => ({
  ...all("UNAUTHORIZED"),
  staff: own,
  manager: own,
  foreignStaff: foreign,
  foreignManager: foreign,
});

/**
 * Only managers (every `admin.*` procedure): restaurant A's manager gets `own`, staff FORBIDDEN,
 * restaurant B's manager `foreign` (NOT_FOUND for A's ids, or `hidden` for a list without them).
 */
const managersOnly = (own: Outcome, foreign: Outcome): Record<CallerName, Outcome> => ({
  ...all("UNAUTHORIZED"),
  staff: "FORBIDDEN",
  manager: own,
  foreignStaff: "FORBIDDEN",
  foreignManager: foreign,
});

/** Reads a subscription's first step (it is checked when it starts), then closes it. */
async function opened(subscription: Promise<AsyncIterable<unknown>>): Promise<Outcome> {
  const iterator = (await subscription)[Symbol.asyncIterator]();
  await iterator.return?.();
  return "ok";
}

const MATRIX: Record<string, Row> = {
  "auth.requestOtp": { call: (api) => api.auth.requestOtp({ phone: randomPhone() }), expect: all("ok") },
  "auth.verifyOtp": {
    call: (api) => api.auth.verifyOtp({ phone: randomPhone(), code: "000000" }),
    expect: all("BAD_REQUEST"),
  },
  "auth.staffLogin": {
    call: (api, fx) => api.auth.staffLogin({ email: fx.a.staff[0]!.email, password: "not-the-password" }),
    expect: all("UNAUTHORIZED"),
  },
  "auth.session": { call: (api) => api.auth.session(), expect: all("ok") },
  "auth.refresh": { call: (api) => api.auth.refresh(), expect: { ...all("ok"), anonymous: "UNAUTHORIZED" } },
  "auth.logout": { call: (api) => api.auth.logout(), expect: all("ok"), last: true },
  "menu.forTable": { call: (api, fx) => api.menu.forTable({ tableCode: fx.a.tables[0]!.code }), expect: all("ok") },
  "menu.estimate": { call: (api, fx) => api.menu.estimate({ tableCode: fx.a.tables[0]!.code }), expect: all("ok") },
  "menu.onChange": {
    call: (api, fx) => opened(api.menu.onChange({ tableCode: fx.a.tables[0]!.code })),
    expect: all("ok"),
  },
  "receipt.get": { call: (api, fx) => api.receipt.get({ token: fx.receiptToken }), expect: all("ok") },
  "customer.updateProfile": { call: (api) => api.customer.updateProfile({ email: "" }), expect: guests("ok") },
  "customer.requestEmailVerification": {
    call: (api) => api.customer.requestEmailVerification({ email: `${randomUUID()}@example.com` }),
    expect: guests("ok"),
  },
  "customer.verifyEmail": {
    call: (api) => api.customer.verifyEmail({ email: "asha@example.com", code: "000000" }),
    expect: guests("BAD_REQUEST"),
  },
  "order.place": {
    call: (api, fx) =>
      api.order.place({
        tableCode: fx.a.tables[1]!.code,
        idempotencyKey: randomUUID(),
        items: [{ menuItemId: fx.itemId, quantity: 1 }],
      }),
    expect: guests("ok"),
  },
  "order.mine": {
    // Every guest has a history; only the target order's guest finds it in theirs.
    call: async (api, fx) =>
      (await api.order.mine({})).orders.some((order) => order.id === fx.orderId) ? "ok" : "hidden",
    expect: guests("ok", "hidden"),
  },
  "order.get": { call: (api, fx) => api.order.get({ orderId: fx.orderId }), expect: guests("ok", "NOT_FOUND") },
  "order.eta": { call: (api, fx) => api.order.eta({ orderId: fx.orderId }), expect: guests("ok", "NOT_FOUND") },
  "order.onUpdate": {
    call: (api, fx) => opened(api.order.onUpdate({ orderId: fx.orderId })),
    expect: guests("ok", "NOT_FOUND"),
  },
  "tab.get": { call: (api, fx) => api.tab.get({ tableCode: fx.a.tables[2]!.code }), expect: guests("ok") },
  "tab.onUpdate": {
    // Only the guest who ordered at the table is a member of its session.
    call: (api, fx) => opened(api.tab.onUpdate({ tableCode: fx.a.tables[0]!.code })),
    expect: guests("ok", "NOT_FOUND"),
  },
  "service.request": {
    call: (api, fx) => api.service.request({ tableCode: fx.a.tables[3]!.code, kind: "water" }),
    expect: guests("ok"),
  },
  "floor.tables": {
    call: async (api, fx) =>
      (await api.floor.tables()).tables.some((table) => table.session?.id === fx.sessionId) ? "ok" : "hidden",
    expect: staffOnly("ok", "hidden"),
  },
  "floor.onUpdate": { call: (api) => opened(api.floor.onUpdate({})), expect: staffOnly("ok", "ok") },
  "floor.tab": {
    call: (api, fx) => api.floor.tab({ tableSessionId: fx.sessionId }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  // Answering a request twice changes nothing, so one request serves every caller.
  "floor.acknowledge": {
    call: (api, fx) => api.floor.acknowledge(fx.serviceRequest),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "floor.resolve": { call: (api, fx) => api.floor.resolve(fx.serviceRequest), expect: staffOnly("ok", "NOT_FOUND") },
  "floor.closeSession": {
    call: async (api, fx) => api.floor.closeSession({ tableSessionId: (await fx.emptySession()).tableSessionId }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "floor.moveSession": {
    call: async (api, fx) => {
      const [{ tableSessionId }, target] = await Promise.all([fx.emptySession(), fx.freeTable()]);
      return api.floor.moveSession({ tableSessionId, toTableId: target._id.toString() });
    },
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "kitchen.tickets": {
    call: async (api, fx) =>
      (await api.kitchen.tickets()).tickets.some((ticket) => ticket.id === fx.orderId) ? "ok" : "hidden",
    expect: staffOnly("ok", "hidden"),
  },
  "kitchen.onTicket": { call: (api) => opened(api.kitchen.onTicket({})), expect: staffOnly("ok", "ok") },
  "kitchen.advance": {
    // Each caller moves a fresh order of restaurant A, so one caller's move never decides another's.
    call: async (api, fx) => api.kitchen.advance({ orderId: await fx.freshOrder(), to: "accepted" }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  // Each caller bumps, reopens or recalls a fresh order of restaurant A (Rasmalai, Gulab Jamun: both dessert).
  "kitchen.bumpLine": {
    call: async (api, fx) =>
      api.kitchen.bumpLine({ orderId: await fx.acceptedOrder(), lineId: "1", station: "dessert" }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "kitchen.reopenLine": {
    call: async (api, fx) =>
      api.kitchen.reopenLine({ orderId: await fx.bumpedOrder(), lineId: "1", station: "dessert" }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "kitchen.recall": {
    call: async (api, fx) => api.kitchen.recall({ orderId: await fx.readyOrder() }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "kitchen.recent": {
    call: async (api, fx) =>
      (await api.kitchen.recent()).tickets.some((ticket) => ticket.id === fx.recentOrderId) ? "ok" : "hidden",
    expect: staffOnly("ok", "hidden"),
  },
  "kitchen.findOrders": {
    call: async (api, fx) =>
      (await api.kitchen.findOrders({ query: fx.a.tables[0]!.label })).orders.some((order) => order.id === fx.orderId)
        ? "ok"
        : "hidden",
    expect: staffOnly("ok", "hidden"),
  },
  "kitchen.stock": {
    // Restaurant A's seeded 86'd item is on A's list only.
    call: async (api, fx) =>
      (await api.kitchen.stock()).some((item) => item.id === fx.a.items.get("Tandoori Prawns")!._id.toString())
        ? "ok"
        : "hidden",
    expect: staffOnly("ok", "hidden"),
  },
  "kitchen.setAvailability": {
    // Already available: the call is allowed or refused, and changes nothing either way.
    call: (api, fx) => api.kitchen.setAvailability({ menuItemId: fx.itemId, available: true }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "kitchen.setStock": {
    call: (api, fx) => api.kitchen.setStock({ menuItemId: fx.itemId, count: null }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "payment.start": {
    // The guest pays their order at A's T1 at the counter (only they may: it is their table).
    call: (api, fx) =>
      api.payment.start({
        tableCode: fx.a.tables[0]!.code,
        idempotencyKey: randomUUID(),
        method: "counter",
        split: { kind: "items", lineIds: [`${fx.orderId}:0`] },
      }),
    expect: guests("ok", "NOT_FOUND"),
  },
  "payment.verify": {
    // The guest's counter payment has no Razorpay order to verify: BAD_REQUEST for its payer.
    call: (api, fx) =>
      api.payment.verify({
        paymentId: fx.counterPaymentId,
        razorpayOrderId: "order_Matrix0000001",
        razorpayPaymentId: "pay_Matrix00000001",
        razorpaySignature: "0".repeat(64),
      }),
    expect: guests("BAD_REQUEST", "NOT_FOUND"),
  },
  "floor.settle": {
    // 1 rupee of T1's bill (the kitchen rows' orders keep it due).
    call: (api, fx) => api.floor.settle({ tableSessionId: fx.sessionId, method: "cash", amount: 100 }),
    expect: staffOnly("ok", "NOT_FOUND"),
  },
  "admin.payments.list": {
    call: async (api, fx) =>
      (await api.admin.payments.list({})).payments.some((payment) => payment.id === fx.paidPaymentId) ? "ok" : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.payments.refund": {
    call: (api, fx) => api.admin.payments.refund({ paymentId: fx.paidPaymentId, amount: 100, reason: "Matrix refund" }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.audit.list": {
    call: async (api, fx) =>
      (await api.admin.audit.list({ entity: "settings", entityId: fx.a.restaurantId })).entries.length > 0
        ? "ok"
        : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.staff.list": {
    call: async (api, fx) =>
      (await api.admin.staff.list()).some((s) => s.email === fx.a.staff[0]!.email) ? "ok" : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.staff.save": {
    call: async (api, fx) =>
      api.admin.staff.save({
        id: await newStaffOf(fx.a),
        name: "Renamed",
        email: `${randomUUID()}@a.test`,
        role: "staff",
      }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.staff.setActive": {
    call: async (api, fx) => api.admin.staff.setActive({ staffId: await newStaffOf(fx.a), active: false }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.staff.resetPassword": {
    call: async (api, fx) => api.admin.staff.resetPassword({ staffId: await newStaffOf(fx.a) }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  // Each manager reads and changes their own restaurant's settings (settings.test.ts: never another's).
  "admin.settings.get": { call: (api) => api.admin.settings.get(), expect: managersOnly("ok", "ok") },
  "admin.settings.save": {
    call: (api) => api.admin.settings.save({ orderingPaused: false }),
    expect: managersOnly("ok", "ok"),
  },
  "admin.menu.list": {
    call: async (api, fx) =>
      (await api.admin.menu.list()).categories.some((category) => category.id === fx.categoryId) ? "ok" : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.menu.saveCategory": {
    call: (api, fx) =>
      api.admin.menu.saveCategory({ id: fx.categoryId, name: "Desserts", description: "Sweet endings" }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.menu.deleteCategory": {
    call: async (api, fx) => api.admin.menu.deleteCategory({ categoryId: await fx.emptyCategory() }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.menu.reorderCategories": {
    call: async (api, fx) => api.admin.menu.reorderCategories({ categoryIds: await fx.categoryIds() }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.menu.saveItem": {
    call: async (api, fx) => api.admin.menu.saveItem(await fx.itemAsEdited()),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.menu.setAvailability": {
    call: (api, fx) => api.admin.menu.setAvailability({ menuItemId: fx.itemId, available: true }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.menu.deleteItem": {
    call: async (api, fx) => api.admin.menu.deleteItem({ menuItemId: await fx.freshItem() }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.analytics.summary": {
    call: async (api, fx) => ((await api.admin.analytics.summary(fx.todayRange)).totals.orders > 0 ? "ok" : "hidden"),
    expect: managersOnly("ok", "hidden"),
  },
  "admin.analytics.ordersCsv": {
    // The header and a line per order: more than the header means A's orders are in it.
    call: async (api, fx) =>
      (await api.admin.analytics.ordersCsv(fx.todayRange)).csv.trim().split("\r\n").length > 1 ? "ok" : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.analytics.today": { call: (api) => api.admin.analytics.today(), expect: managersOnly("ok", "ok") },
  "admin.tables.list": {
    call: async (api, fx) =>
      (await api.admin.tables.list()).tables.some((table) => table.code === fx.a.tables[0]!.code) ? "ok" : "hidden",
    expect: managersOnly("ok", "hidden"),
  },
  "admin.tables.save": {
    call: async (api, fx) => api.admin.tables.save({ id: await tableIdOf(fx.a, "T9"), label: "T9", seats: 4 }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.tables.regenerateCode": {
    call: async (api, fx) => api.admin.tables.regenerateCode({ tableId: await tableIdOf(fx.a, "T10") }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.tables.qrCards": {
    call: async (api, fx) => api.admin.tables.qrCards({ tableId: await tableIdOf(fx.a, "T9") }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
  "admin.photos.remove": {
    // The item has no photo: removing it changes nothing, so every manager call is repeatable.
    call: (api, fx) => api.admin.photos.remove({ menuItemId: fx.a.items.get("Rasmalai")!._id.toString() }),
    expect: managersOnly("ok", "NOT_FOUND"),
  },
};

/** A fresh staff account of `restaurant` (a target no caller signs in with), its id. */
async function newStaffOf(restaurant: { restaurantId: string }): Promise<string> {
  const staff = await Staff.create({
    restaurantId: restaurant.restaurantId,
    email: `${randomUUID()}@matrix.test`,
    name: "Matrix target",
    role: "staff",
    passwordHash: "not-a-bcrypt-hash",
  });
  return staff._id.toString();
}

/** The id of the table `label` of a seeded restaurant. */
async function tableIdOf(restaurant: { restaurantId: string }, label: string): Promise<string> {
  const table = await Table.findOne({ restaurantId: restaurant.restaurantId, label }, { _id: 1 }).lean();
  if (!table) throw new Error(`No table ${label}`);
  return table._id.toString();
}

/** Restaurants A and B, a guest's order at A, and one client per kind of caller. */
async function fixture() {
  const [a, b] = await Promise.all([seedRestaurant(), seedRestaurant()]);
  const itemId = a.items.get("Rasmalai")!._id.toString();
  const guest = await signedInGuest();
  const placeAtA = async () =>
    (
      await guest.call((api) =>
        api.order.place({
          tableCode: a.tables[0]!.code,
          idempotencyKey: randomUUID(),
          // Two lines: the payment rows pay them one by one.
          items: [
            { menuItemId: itemId, quantity: 1 },
            { menuItemId: a.items.get("Gulab Jamun")!._id.toString(), quantity: 1 },
          ],
        }),
      )
    ).id;
  // One change in A's audit log, for the log's row.
  const manager = await Staff.findOne({ email: a.staff.find((s) => s.role === "manager")!.email }).lean();
  await recordChange(
    { staffId: manager!._id.toString(), restaurantId: a.restaurantId, role: "manager" },
    {
      entity: "settings",
      entityId: a.restaurantId,
      action: "update",
      before: { name: "Before" },
      after: { name: "After" },
    },
  );
  const callers: Record<CallerName, TestClient> = {
    anonymous: new TestClient("guest"),
    guest,
    otherGuest: await signedInGuest(),
    staff: await signedInStaff(a, "staff"),
    manager: await signedInStaff(a, "manager"),
    foreignStaff: await signedInStaff(b, "staff"),
    foreignManager: await signedInStaff(b, "manager"),
  };
  // Restaurant A's menu as the menu editor's rows aim at it; each deleting call gets its own target.
  const categoryId = (await MenuCategory.findOne({
    restaurantId: a.restaurantId,
    name: "Desserts",
  }).lean())!._id.toString();
  const menu = {
    categoryId,
    categoryIds: async () =>
      (await MenuCategory.find({ restaurantId: a.restaurantId }).sort({ sortOrder: 1, name: 1 }).lean()).map((c) =>
        c._id.toString(),
      ),
    emptyCategory: async () =>
      (await MenuCategory.create({ restaurantId: a.restaurantId, name: `Empty ${randomUUID()}` }))._id.toString(),
    freshItem: async () =>
      (
        await MenuItem.create({
          restaurantId: a.restaurantId,
          categoryId,
          name: `Special ${randomUUID()}`,
          price: 10_000,
          station: "dessert",
        })
      )._id.toString(),
    itemAsEdited: async () =>
      toAdminMenuItemView((await MenuItem.findById(itemId).lean<MenuItemDoc>())!, { mediaBaseUrl: "/media" }),
  };
  const orderId = await placeAtA();
  // The floor's targets: the order's session, a guest's request at T5, and fresh tables of A for rows that close or move.
  const sessionId = (await Order.findById(orderId, { tableSessionId: 1 }).lean())!.tableSessionId.toString();
  const freeTable = () =>
    Table.create({ restaurantId: a.restaurantId, label: `M${randomUUID().slice(0, 8)}`, code: newTableCode() });
  const sessionAt = async (tableCode: string) =>
    (await Table.findOne({ code: tableCode }, { openSessionId: 1 }).lean())!.openSessionId!.toString();
  const request = await guest.call((api) => api.service.request({ tableCode: a.tables[4]!.code, kind: "bill" }));
  const serviceRequest = { tableSessionId: await sessionAt(a.tables[4]!.code), requestId: request.id };
  const emptySession = async () => {
    const { code } = await freeTable();
    await guest.call((api) => api.service.request({ tableCode: code, kind: "water" }));
    return { tableSessionId: await sessionAt(code) };
  };
  // The guest holds their order's second line at the counter (the payment to verify); the
  // payment.start row pays its first. Another guest's order at T3, settled by staff: the paid
  // payment to list and refund.
  const counterPaymentId = (
    await guest.call((api) =>
      api.payment.start({
        tableCode: a.tables[0]!.code,
        idempotencyKey: randomUUID(),
        method: "counter",
        split: { kind: "items", lineIds: [`${orderId}:1`] },
      }),
    )
  ).payment.id;
  const atT3 = await callers.otherGuest.call((api) =>
    api.order.place({
      tableCode: a.tables[2]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: itemId, quantity: 1 }],
    }),
  );
  const settledAtT3 = await callers.staff.call((api) =>
    api.floor.settle({ tableSessionId: atT3.tableSessionId, method: "cash", amount: atT3.total }),
  );
  // Orders of A on the kitchen's way, stored as copies of the guest's order (no more orders through
  // the rate limits): accepted; preparing with line 1 bumped; ready with both lines bumped (Rasmalai,
  // Gulab Jamun: both dessert). And one made ready through the API: in the recently-done list.
  const template = (await Order.findById(orderId).lean())!;
  let copies = 0;
  const storedOrder = async (status: "accepted" | "preparing" | "ready", doneLines: number[]) => {
    const at = new Date();
    const { _id, ...fields } = template;
    copies += 1;
    const copy = await Order.create({
      ...fields,
      idempotencyKey: randomUUID(),
      number: 9_000 + copies,
      status,
      statusHistory: [...template.statusHistory, { status, at, by: "test", reason: null }],
      lines: template.lines.map((line, index) => ({ ...line, doneAt: doneLines.includes(index) ? at : null })),
      outbox: [],
    });
    return copy._id.toString();
  };
  const recentOrderId = await placeAtA();
  for (const to of ["accepted", "preparing", "ready"] as const)
    await callers.staff.call((api) => api.kitchen.advance({ orderId: recentOrderId, to }));
  // The business date the order was placed on (not "today" read separately, which could differ at midnight).
  const placedOn = (await Order.findById(orderId, { businessDate: 1 }).lean())!.businessDate;
  return {
    a,
    b,
    itemId,
    ...menu,
    orderId,
    sessionId,
    counterPaymentId,
    paidPaymentId: settledAtT3.session!.payments[0]!.id,
    serviceRequest,
    emptySession,
    freeTable,
    freshOrder: placeAtA,
    acceptedOrder: () => storedOrder("accepted", []),
    bumpedOrder: () => storedOrder("preparing", [1]),
    readyOrder: () => storedOrder("ready", [0, 1]),
    recentOrderId,
    callers,
    todayRange: { from: placedOn, to: placedOn },
    // A paid payment at A: its receipt link is the secret, so anyone holding it may read it.
    receiptToken: (await seedPaidPayment({ restaurantId: a.restaurantId, customerId: null })).payment.receipt!.token,
  };
}

/** What `caller` gets from `row`: `ok`/`hidden`, or the tRPC error code. */
async function outcomeOf(row: Row, client: TestClient, fx: Fixture): Promise<Outcome> {
  return client
    .call((api) => row.call(api, fx))
    .then(
      (value) => (value === "hidden" ? "hidden" : "ok"),
      (error: { code?: string; message?: string }) => {
        if (!error.code) throw error;
        return error.code as Outcome;
      },
    );
}

describe("authorization matrix", () => {
  it("has a row for every procedure either app serves", () => {
    const served = Object.values(audienceRouters).flatMap((router) => Object.keys(router._def.procedures));
    expect([...new Set(served)].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it("gives every caller exactly what the table says, for every procedure", async () => {
    const fx = await fixture();
    const rows = Object.entries(MATRIX).sort(([, x], [, y]) => Number(x.last ?? false) - Number(y.last ?? false));
    const actual: Record<string, Record<CallerName, Outcome>> = {};
    for (const [path, row] of rows) {
      const outcomes = {} as Record<CallerName, Outcome>;
      for (const caller of CALLERS) outcomes[caller] = await outcomeOf(row, fx.callers[caller], fx);
      actual[path] = outcomes;
    }
    const expected = Object.fromEntries(rows.map(([path, row]) => [path, row.expect]));
    expect(actual).toEqual(expected);
    console.info(
      `authorization matrix: ${rows.length} procedures × ${CALLERS.length} callers = ${rows.length * CALLERS.length} calls`,
    );
  });
});
