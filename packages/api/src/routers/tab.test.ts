import { randomUUID } from "node:crypto";
import type { TabView } from "@tabletap/core";
import { Customer, Table, TableSession } from "@tabletap/db";
import { Types } from "mongoose";
import { channels } from "@tabletap/realtime";
import { describe, expect, it } from "vitest";
import {
  nextEvent,
  randomPhone,
  seedRestaurant,
  signedInGuest,
  signedInStaff,
  subscribed,
  type TestClient,
} from "../testing";
import { closeSessionIfSettled } from "../use-cases/tab";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function itemId(seeded: Seeded, name: string): string {
  const found = seeded.items.get(name);
  if (!found) throw new Error(`No seeded item ${name}`);
  return found._id.toString();
}

/** Places `quantity` of `name` at `tableCode` as `guest`. */
function order(guest: TestClient, seeded: Seeded, tableCode: string, name: string, quantity = 1) {
  return guest.call((api) =>
    api.order.place({
      tableCode,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: itemId(seeded, name), quantity }],
    }),
  );
}

/** A signed-in guest whose profile name is `name` (set as the profile stores it). */
async function namedGuest(name: string): Promise<TestClient> {
  const phone = randomPhone();
  const guest = await signedInGuest(phone);
  await Customer.updateOne({ phone }, { $set: { name } });
  return guest;
}

/** The table `label`'s stored state: its open session id. */
async function openSessionOf(seeded: Seeded, label: string): Promise<string | null> {
  const table = await Table.findOne({ restaurantId: seeded.restaurantId, label }).lean();
  return table?.openSessionId?.toString() ?? null;
}

describe("tab.get", () => {
  it("answers an empty tab at a table without an open session, and opens none", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const tab = await guest.call((api) => api.tab.get({ tableCode: seeded.tables[0]!.code }));
    expect(tab).toEqual({ table: { label: "T1" }, session: null, currency: "INR", taxBps: 500, serviceChargeBps: 0 });
    expect(await openSessionOf(seeded, "T1")).toBeNull();
    expect(await TableSession.countDocuments({ restaurantId: seeded.restaurantId })).toBe(0);
  });

  it("adds every guest's rounds up on one tab, by who ordered, and joins a guest who opens it", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const asha = await namedGuest("Asha");
    const bob = await signedInGuest();
    const first = await order(asha, seeded, tableCode, "Rasmalai", 2);

    // Bob signs in at the table and opens its bill: he sees Asha's round and joins the session.
    const seen = await bob.call((api) => api.tab.get({ tableCode }));
    expect(seen.session?.rounds.map((round) => round.guest)).toEqual([{ label: "Asha", mine: false }]);
    expect(seen.session?.guests).toBe(2);
    const session = await TableSession.findById(first.tableSessionId).lean();
    expect(session?.customerIds).toHaveLength(2);

    // "Order more" from Bob's phone joins the same tab.
    const second = await order(bob, seeded, tableCode, "Gulab Jamun");
    expect(second.tableSessionId).toBe(first.tableSessionId);
    const tab = await asha.call((api) => api.tab.get({ tableCode }));
    expect(tab.session?.rounds.map((round) => [round.orderId, round.guest])).toEqual([
      [first.id, { label: "Asha", mine: true }],
      [second.id, { label: "Guest 2", mine: false }],
    ]);
    const lines = tab.session!.rounds.flatMap((round) => round.lines);
    expect(lines.map((line) => [line.lineId, line.coveredBy])).toEqual([
      [`${first.id}:0`, null],
      [`${second.id}:0`, null],
    ]);
    const subtotal = first.subtotal + second.subtotal;
    const tax = first.tax + second.tax;
    expect(tab.session?.totals.total).toEqual({ subtotal, serviceCharge: 0, tax });
    expect(tab.session?.totals.due).toEqual({ subtotal, serviceCharge: 0, tax });
    expect(tab.session?.totals.paid).toEqual({ subtotal: 0, serviceCharge: 0, tax: 0 });
    expect(tab.session?.status).toBe("open");
  });

  it("leaves out cancelled rounds", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const guest = await signedInGuest();
    const kept = await order(guest, seeded, tableCode, "Rasmalai");
    const cancelled = await order(guest, seeded, tableCode, "Gulab Jamun");
    const staff = await signedInStaff(seeded);
    await staff.call((api) => api.kitchen.advance({ orderId: cancelled.id, to: "cancelled" }));
    const tab = await guest.call((api) => api.tab.get({ tableCode }));
    expect(tab.session?.rounds.map((round) => round.orderId)).toEqual([kept.id]);
    expect(tab.session?.totals.total.subtotal).toBe(kept.subtotal);
  });

  it("refuses an unknown code with NOT_FOUND and anonymous callers with UNAUTHORIZED", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    await expect(guest.call((api) => api.tab.get({ tableCode: "AAAAAAAAAAAAAAAA" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(guest.call((api) => api.tab.get({ tableCode: "no" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { TestClient } = await import("../testing");
    await expect(
      new TestClient("guest").call((api) => api.tab.get({ tableCode: seeded.tables[0]!.code })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("tab.onUpdate", () => {
  it("shows a second guest's round live on the first guest's tab, and ends with the closed tab", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const asha = await signedInGuest();
    const bob = await signedInGuest();
    const first = await order(asha, seeded, tableCode, "Rasmalai");

    const controller = new AbortController();
    const stream = await asha.call((api) => api.tab.onUpdate({ tableCode }), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    try {
      const initial = await nextEvent<TabView>(iterator);
      expect(initial.data.session?.rounds.map((round) => round.orderId)).toEqual([first.id]);

      const next = nextEvent<TabView>(iterator);
      await subscribed(channels.tab(first.tableSessionId));
      await bob.call((api) => api.tab.get({ tableCode }));
      const second = await order(bob, seeded, tableCode, "Gulab Jamun");
      let view = (await next).data;
      for (let i = 0; i < 10 && view.session?.rounds.length !== 2; i++)
        view = (await nextEvent<TabView>(iterator)).data;
      expect(view.session?.rounds.map((round) => [round.orderId, round.guest.mine])).toEqual([
        [first.id, true],
        [second.id, false],
      ]);

      // Both rounds cancelled, staff close the empty session: the stream yields the closed tab and ends.
      const staff = await signedInStaff(seeded);
      for (const orderId of [first.id, second.id])
        await staff.call((api) => api.kitchen.advance({ orderId, to: "cancelled" }));
      await staff.call((api) => api.floor.closeSession({ tableSessionId: first.tableSessionId }));
      for (let i = 0; i < 20 && view.session?.status !== "closed"; i++)
        view = (await nextEvent<TabView>(iterator)).data;
      expect(view.session?.status).toBe("closed");
      expect((await iterator.next()).done).toBe(true);
    } finally {
      controller.abort();
    }
  });

  it("refuses a guest who is not at the table, a table without an open session and a closed one, with NOT_FOUND", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const asha = await signedInGuest();
    const stranger = await signedInGuest();
    const follow = (guest: TestClient, code = tableCode) =>
      guest.call(async (api) => (await api.tab.onUpdate({ tableCode: code }))[Symbol.asyncIterator]().next());
    const noBill = { code: "NOT_FOUND", message: "There's no open bill at this table." };

    await expect(follow(asha)).rejects.toMatchObject(noBill);
    const placed = await order(asha, seeded, tableCode, "Rasmalai");
    await expect(follow(stranger)).rejects.toMatchObject(noBill);
    // The refusal joined nobody.
    const before = await TableSession.findById(placed.tableSessionId).lean();
    expect(before?.customerIds).toHaveLength(1);

    const staff = await signedInStaff(seeded);
    await staff.call((api) => api.kitchen.advance({ orderId: placed.id, to: "cancelled" }));
    await staff.call((api) => api.floor.closeSession({ tableSessionId: placed.tableSessionId }));
    await expect(follow(asha)).rejects.toMatchObject(noBill);
  });
});

describe("service.request", () => {
  it("opens the table's session if none is open, joins the guest, and answers a repeated tap with the same request", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[2]!.code;
    const asha = await signedInGuest();
    const bob = await signedInGuest();

    const water = await asha.call((api) => api.service.request({ tableCode, kind: "water" }));
    expect(water).toMatchObject({ kind: "water", status: "open", mine: true, acknowledgedAt: null });
    const sessionId = await openSessionOf(seeded, "T3");
    expect(sessionId).not.toBeNull();

    // Bob taps "Water" too: the same request, not his.
    const again = await bob.call((api) => api.service.request({ tableCode, kind: "water" }));
    expect(again).toMatchObject({ id: water.id, mine: false });
    const bill = await bob.call((api) => api.service.request({ tableCode, kind: "bill" }));
    expect(bill.id).not.toBe(water.id);

    const session = await TableSession.findById(sessionId).lean();
    expect(session?.requests.map((request) => request.kind)).toEqual(["water", "bill"]);
    expect(session?.customerIds).toHaveLength(2);
    const tab = await asha.call((api) => api.tab.get({ tableCode }));
    expect(tab.session?.requests.map((request) => [request.kind, request.mine])).toEqual([
      ["water", true],
      ["bill", false],
    ]);
  });

  it("makes one request of ten identical taps at once", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[3]!.code;
    const guest = await signedInGuest();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => guest.call((api) => api.service.request({ tableCode, kind: "waiter" }))),
    );
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    const sessions = await TableSession.find({ restaurantId: seeded.restaurantId }).lean();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.requests).toHaveLength(1);
    expect(sessions[0]?.customerIds).toHaveLength(1);
  });

  it("refuses another kind with BAD_REQUEST and changes nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    await expect(
      guest.call((api) =>
        api.service.request({ tableCode: seeded.tables[0]!.code, kind: "cocktail" as unknown as "water" }),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose what you need: a waiter, water or the bill" });
    expect(await TableSession.countDocuments({ restaurantId: seeded.restaurantId })).toBe(0);
    expect(await openSessionOf(seeded, "T1")).toBeNull();
  });
});

describe("closeSessionIfSettled", () => {
  it("closes a session once its tab is paid, frees the table and shows it paid on the floor; only once", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const guest = await signedInGuest();
    const placed = await order(guest, seeded, tableCode, "Rasmalai");
    const session = { _id: new Types.ObjectId(placed.tableSessionId) };
    // Nothing paid yet: it stays open.
    expect(await closeSessionIfSettled(guest.services, session)).toBe(false);

    const amounts = { subtotal: placed.subtotal, serviceCharge: placed.serviceCharge, tax: placed.tax };
    await TableSession.updateOne(
      { _id: session._id },
      {
        $push: {
          claims: {
            paymentId: new Types.ObjectId(),
            customerId: null,
            kind: "full",
            lineIds: [`${placed.id}:0`],
            amounts,
            tip: 0,
            method: "counter",
            status: "paid",
          },
        },
        $inc: { version: 1 },
      },
    );
    expect(await closeSessionIfSettled(guest.services, session)).toBe(true);
    expect(await closeSessionIfSettled(guest.services, session)).toBe(false);
    expect(await TableSession.findById(session._id).lean()).toMatchObject({ status: "closed", closeReason: "paid" });
    expect(await openSessionOf(seeded, "T1")).toBeNull();
    expect((await guest.call((api) => api.tab.get({ tableCode }))).session).toBeNull();
    const staff = await signedInStaff(seeded);
    const floor = await staff.call((api) => api.floor.tables());
    expect(floor.tables.find((table) => table.label === "T1")?.state).toBe("paid");
  });
});
