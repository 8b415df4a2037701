import { randomUUID } from "node:crypto";
import { businessDate, ORDER_LOOKUP_POLICY } from "@tabletap/core";
import { Order } from "@tabletap/db";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { randomPhone, seedRestaurant, signedInGuest, signedInStaff, TestClient } from "../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

async function placeOrder(seeded: Seeded, guest: TestClient, table: number) {
  const rasmalai = seeded.items.get("Rasmalai")!;
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[table]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: rasmalai._id.toString(), quantity: 1 }],
    }),
  );
}

/** A stored copy of order `id` under another number and business date (as yesterday's service left it). */
async function storedCopy(id: string, changes: { number: number; businessDate: string }) {
  const { _id, ...order } = (await Order.findById(id).lean())!;
  void _id;
  await Order.create({ ...order, ...changes, idempotencyKey: randomUUID() });
}

/** "#001" → "1". */
const bare = (number: string) => String(Number(number.slice(1)));

describe("kitchen.findOrders", () => {
  it("finds today's orders by number, table or the guest's phone, served and rejected ones too, with their history", async () => {
    const seeded = await seedRestaurant();
    const phone = randomPhone();
    const guest = await signedInGuest(phone);
    const other = await signedInGuest();
    const staff = await signedInStaff(seeded);
    const table = seeded.tables[6]!.label;

    const served = await placeOrder(seeded, guest, 6);
    for (const to of ["accepted", "preparing", "ready", "served"] as const)
      await staff.call((api) => api.kitchen.advance({ orderId: served.id, to }));
    const rejected = await placeOrder(seeded, other, 6);
    await staff.call((api) => api.kitchen.advance({ orderId: rejected.id, to: "rejected", reason: "Out of paneer" }));
    const elsewhere = await placeOrder(seeded, guest, 2);
    // Yesterday's order of the same table and guest, with today's numbers: never found.
    await storedCopy(served.id, { number: 900, businessDate: "2020-01-01" });

    const ids = async (query: string) =>
      (await staff.call((api) => api.kitchen.findOrders({ query }))).orders.map((order) => order.id);

    const byNumber = await staff.call((api) => api.kitchen.findOrders({ query: served.number }));
    expect(byNumber.businessDate).toBe(businessDate(new Date(), "Asia/Kolkata"));
    expect(byNumber.more).toBe(false);
    expect(byNumber.orders).toEqual([
      expect.objectContaining({
        id: served.id,
        status: "served",
        statusHistory: ["placed", "accepted", "preparing", "ready", "served"].map((status): unknown =>
          expect.objectContaining({ status, at: expect.any(String) }),
        ),
      }),
    ]);
    expect(await ids(bare(served.number))).toEqual([served.id]);
    expect(await ids(`#${bare(rejected.number).padStart(4, "0")}`)).toEqual([rejected.id]);

    // The table, in any case: newest first; the rejected one with its reason.
    const byTable = await staff.call((api) => api.kitchen.findOrders({ query: table.toLowerCase() }));
    expect(byTable.orders.map((order) => order.id)).toEqual([rejected.id, served.id]);
    expect(byTable.orders[0]).toMatchObject({
      status: "rejected",
      rejectionReason: "Out of paneer",
      statusHistory: [{ status: "placed" }, { status: "rejected", reason: "Out of paneer" }],
    });

    // The guest's phone: whole (national or E.164), or its last 4–9 digits.
    const national = `0${phone.slice(3, 8)} ${phone.slice(8)}`;
    expect(await ids(national)).toEqual([elsewhere.id, served.id]);
    expect(await ids(phone)).toEqual([elsewhere.id, served.id]);
    expect(await ids(phone.slice(-6))).toEqual([elsewhere.id, served.id]);
    expect(await ids(phone.slice(-4))).toEqual([elsewhere.id, served.id]);
    expect(await ids(randomPhone())).toEqual([]);
    expect(await ids("999")).toEqual([]);
  });

  it("never finds another restaurant's orders, whatever the query", async () => {
    const [a, b] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const phone = randomPhone();
    const guest = await signedInGuest(phone);
    const ofA = await placeOrder(a, guest, 3);
    const ofB = await placeOrder(b, guest, 3);
    expect(ofA.number).toBe(ofB.number);
    expect(a.tables[3]!.label).toBe(b.tables[3]!.label);

    for (const seeded of [a, b]) {
      const own = seeded === a ? ofA : ofB;
      const staff = await signedInStaff(seeded, seeded === a ? "staff" : "manager");
      for (const query of [own.number, seeded.tables[3]!.label, phone, phone.slice(-4), phone.slice(-7)]) {
        const { orders } = await staff.call((api) => api.kitchen.findOrders({ query }));
        expect(
          orders.map((order) => order.id),
          query,
        ).toEqual([own.id]);
      }
    }
  });

  it("returns at most ORDER_LOOKUP_POLICY.maxResults, newest first, and says there are more", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const staff = await signedInStaff(seeded);
    const first = await placeOrder(seeded, guest, 1);
    const today = businessDate(new Date(), "Asia/Kolkata");
    const { _id, ...order } = (await Order.findById(first.id).lean())!;
    void _id;
    await Order.insertMany(
      Array.from({ length: ORDER_LOOKUP_POLICY.maxResults }, (_, i) => ({
        ...order,
        _id: new Types.ObjectId(),
        idempotencyKey: randomUUID(),
        businessDate: today,
        number: 100 + i,
      })),
    );
    const found = await staff.call((api) => api.kitchen.findOrders({ query: seeded.tables[1]!.label }));
    expect(found.more).toBe(true);
    expect(found.orders).toHaveLength(ORDER_LOOKUP_POLICY.maxResults);
    expect(found.orders[0]!.number).toBe(`#${100 + ORDER_LOOKUP_POLICY.maxResults - 1}`);
    expect(found.orders.map((o) => o.id)).not.toContain(first.id);
  });

  it("refuses a query it can't read with a typed error that says what to type", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded);
    for (const query of ["", "   ", "#", "#0", "!!", "x".repeat(41)])
      await expect(
        staff.call((api) => api.kitchen.findOrders({ query })),
        query,
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/order number|At most 40 characters/),
      });
    await expect(staff.call((api) => api.kitchen.findOrders({ query: "+1 23" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `"+1 23" isn't a phone number we can read`,
    });
    await expect(new TestClient("guest").call((api) => api.kitchen.findOrders({ query: "T1" }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
