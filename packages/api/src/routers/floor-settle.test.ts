import { randomUUID } from "node:crypto";
import { Payment, Table, TableSession } from "@tabletap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeAt, razorpayTestKit, seatedGuest, type RazorpayTestKit } from "../razorpay-testing";
import { seedRestaurant, signedInGuest, signedInStaff } from "../testing";

let kit: RazorpayTestKit;
beforeAll(async () => {
  kit = await razorpayTestKit();
});
afterAll(() => kit.close());

async function snapshot(tableSessionId: string) {
  const [session, payments] = await Promise.all([
    TableSession.findById(tableSessionId).lean(),
    Payment.find({ tableSessionId }).lean(),
  ]);
  return {
    version: session?.version,
    status: session?.status,
    claims: session?.claims,
    payments: payments.map((p) => ({ id: p._id.toString(), status: p.status })),
  };
}

describe("floor.settle", () => {
  it("settles the pending counter payments oldest first, records the rest as a staff payment, and closes the session", async () => {
    const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
    const friend = await signedInGuest(undefined, kit.services);
    const second = await placeAt(friend, seeded, tableCode, [{ name: "Butter Naan", quantity: 2 }]);
    const tableSessionId = order.tableSessionId;
    // The first guest pays their order at the counter with a ₹20 tip; the friend's order is left for staff.
    const counter = await guest.call((api) =>
      api.payment.start({
        tableCode,
        idempotencyKey: randomUUID(),
        method: "counter",
        tip: 2000,
        split: { kind: "items", lineIds: order.lines.map((_, i) => `${order.id}:${i}`) },
      }),
    );
    expect(counter.payment).toMatchObject({ status: "pending", amount: order.total, total: order.total + 2000 });

    const staff = await signedInStaff(seeded, "staff");
    const tab = await staff.call((api) =>
      api.floor.settle({ tableSessionId, method: "upi", amount: counter.payment.total + second.total }),
    );
    expect(tab.session).toMatchObject({ id: tableSessionId, status: "closed" });
    const settled = tab.session!.payments;
    expect(settled).toHaveLength(2);
    expect(settled[0]).toMatchObject({ id: counter.payment.id, status: "paid", counterMethod: "upi" });
    expect(settled[1]).toMatchObject({
      kind: "amount",
      status: "paid",
      amount: second.total,
      tip: 0,
      counterMethod: "upi",
    });
    const recorded = await Payment.findById(settled[1]!.id).lean();
    expect(recorded).toMatchObject({ customerId: null, method: "counter" });
    expect(recorded?.amounts?.subtotal).toBe(second.subtotal);
    expect(recorded?.amounts?.tax).toBe(second.tax);
    const session = await TableSession.findById(tableSessionId).lean();
    expect(session).toMatchObject({ status: "closed", closeReason: "paid" });
    expect(session?.claims.map((claim) => claim.status)).toEqual(["paid", "paid"]);
    expect((await Table.findById(session?.tableId).lean())?.openSessionId ?? null).toBeNull();
  });

  it("takes part of what is due (amount < due) and leaves the rest open", async () => {
    const { seeded, order } = await seatedGuest(kit.services);
    const staff = await signedInStaff(seeded, "staff");
    const tab = await staff.call((api) =>
      api.floor.settle({ tableSessionId: order.tableSessionId, method: "cash", amount: 10_000 }),
    );
    expect(tab.session?.payments).toHaveLength(1);
    expect(tab.session?.payments[0]).toMatchObject({
      kind: "amount",
      amount: 10_000,
      status: "paid",
      counterMethod: "cash",
    });
    expect((await TableSession.findById(order.tableSessionId).lean())?.status).toBe("open");
  });

  it("refuses more than the pending counter payments plus what is due (CONFLICT), changing nothing", async () => {
    const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
    const counter = await guest.call((api) =>
      api.payment.start({
        tableCode,
        idempotencyKey: randomUUID(),
        method: "counter",
        split: { kind: "items", lineIds: [`${order.id}:0`] },
      }),
    );
    const staff = await signedInStaff(seeded, "staff");
    const before = await snapshot(order.tableSessionId);
    await expect(
      staff.call((api) =>
        api.floor.settle({ tableSessionId: order.tableSessionId, method: "card", amount: order.total + 1 }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/more than what's left/) });
    expect(await snapshot(order.tableSessionId)).toEqual(before);
    expect(counter.payment.status).toBe("pending");
  });

  it("refuses a closed session (CONFLICT) and another restaurant's session (NOT_FOUND), changing nothing", async () => {
    const { seeded, order } = await seatedGuest(kit.services);
    const staff = await signedInStaff(seeded, "staff");
    const foreign = await signedInStaff(await seedRestaurant(), "manager");
    const tableSessionId = order.tableSessionId;
    const before = await snapshot(tableSessionId);
    await expect(
      foreign.call((api) => api.floor.settle({ tableSessionId, method: "cash", amount: 100 })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(tableSessionId)).toEqual(before);

    await staff.call((api) => api.floor.settle({ tableSessionId, method: "cash", amount: order.total }));
    const closed = await snapshot(tableSessionId);
    expect(closed.status).toBe("closed");
    await expect(
      staff.call((api) => api.floor.settle({ tableSessionId, method: "cash", amount: 100 })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "This bill is already closed." });
    expect(await snapshot(tableSessionId)).toEqual(closed);
  });

  it("records a counter payment once when two staff settle it at the same moment: the other is told (CONFLICT)", async () => {
    const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
    const counter = await guest.call((api) =>
      api.payment.start({ tableCode, idempotencyKey: randomUUID(), method: "counter", split: { kind: "full" } }),
    );
    const [one, two] = await Promise.all([signedInStaff(seeded, "staff"), signedInStaff(seeded, "manager")]);
    const settle = (client: typeof one) =>
      client.call((api) =>
        api.floor.settle({ tableSessionId: order.tableSessionId, method: "cash", amount: counter.payment.total }),
      );
    const results = await Promise.allSettled([settle(one), settle(two)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "CONFLICT" });
    expect(await Payment.countDocuments({ tableSessionId: order.tableSessionId })).toBe(1);
  });

  it("refuses a zero or fractional amount (BAD_REQUEST)", async () => {
    const { seeded, order } = await seatedGuest(kit.services);
    const staff = await signedInStaff(seeded, "staff");
    for (const amount of [0, -5, 10.5])
      await expect(
        staff.call((api) => api.floor.settle({ tableSessionId: order.tableSessionId, method: "cash", amount })),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await Payment.countDocuments({ tableSessionId: order.tableSessionId })).toBe(0);
  });
});
