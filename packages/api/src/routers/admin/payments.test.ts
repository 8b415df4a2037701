import { randomUUID } from "node:crypto";
import { AuditEntry, Payment } from "@tabletap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { razorpayTestKit, seatedGuest, type RazorpayTestKit } from "../../razorpay-testing";
import { seedRestaurant, signedInStaff } from "../../testing";

let kit: RazorpayTestKit;
beforeAll(async () => {
  kit = await razorpayTestKit();
});
afterAll(() => kit.close());

/** A restaurant whose guest paid the whole bill online (settled by the webhook), and its manager. */
async function paidOnline() {
  const { seeded, guest, tableCode } = await seatedGuest(kit.services);
  const started = await guest.call((api) =>
    api.payment.start({ tableCode, idempotencyKey: randomUUID(), method: "online", split: { kind: "full" } }),
  );
  await kit.pay(started.checkout!.razorpayOrderId);
  await expect.poll(async () => (await Payment.findById(started.payment.id).lean())?.status).toBe("paid");
  const manager = await signedInStaff(seeded, "manager", kit.services);
  return { seeded, manager, payment: started.payment };
}

async function stored(paymentId: string) {
  const payment = await Payment.findById(paymentId).lean();
  return { refunded: payment?.refunded, refunds: payment?.refunds, version: payment?.version };
}

describe("admin.payments.list", () => {
  it("lists today's payments of the manager's restaurant only; staff are refused", async () => {
    const { seeded, manager, payment } = await paidOnline();
    const page = await manager.call((api) => api.admin.payments.list({}));
    expect(page.payments).toHaveLength(1);
    expect(page.payments[0]).toMatchObject({
      id: payment.id,
      status: "paid",
      method: "online",
      total: payment.total,
      refundable: payment.total,
      table: "T1",
      payer: expect.stringMatching(/^Guest ••\d{4}$/),
    });
    expect(page.nextCursor).toBeNull();
    const other = await signedInStaff(await seedRestaurant(), "manager", kit.services);
    expect((await other.call((api) => api.admin.payments.list({}))).payments).toEqual([]);
    const staff = await signedInStaff(seeded, "staff", kit.services);
    await expect(staff.call((api) => api.admin.payments.list({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const yesterday = await manager.call((api) => api.admin.payments.list({ businessDate: "2020-01-01" }));
    expect(yesterday.payments).toEqual([]);
  });
});

describe("admin.payments.refund", () => {
  it("refunds part of an online payment through Razorpay, then the rest, and audits each", async () => {
    const { manager, payment } = await paidOnline();
    const first = await manager.call((api) =>
      api.admin.payments.refund({ paymentId: payment.id, amount: 1000, reason: "Cold dessert" }),
    );
    expect(first).toMatchObject({ refunded: 1000, refundable: payment.total - 1000 });
    expect(first.refunds[0]).toMatchObject({ amount: 1000, reason: "Cold dessert", status: "processed" });
    const row = await Payment.findById(payment.id).lean();
    expect(row?.refunds[0]?.gatewayRefundId).toMatch(/^rfnd_/);

    const rest = await manager.call((api) =>
      api.admin.payments.refund({ paymentId: payment.id, amount: payment.total - 1000, reason: "Walked out" }),
    );
    expect(rest).toMatchObject({ refunded: payment.total, refundable: 0 });
    const audit = await AuditEntry.find({ entity: "payment", entityId: payment.id }).lean();
    expect(audit.map((entry) => entry.action)).toEqual(["refund", "refund"]);
    expect(audit[0]?.after).toMatchObject({ refunded: 1000, amount: 1000, reason: "Cold dessert" });
  });

  it("refuses more than what is left to refund (CONFLICT on amount) and a reason too short (BAD_REQUEST); nothing changes", async () => {
    const { manager, payment } = await paidOnline();
    const before = await stored(payment.id);
    await expect(
      manager.call((api) =>
        api.admin.payments.refund({ paymentId: payment.id, amount: payment.total + 1, reason: "Too much" }),
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/At most/),
      cause: { field: "amount" },
    });
    await expect(
      manager.call((api) => api.admin.payments.refund({ paymentId: payment.id, amount: 100, reason: "x" })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await stored(payment.id)).toEqual(before);
    expect(await AuditEntry.countDocuments({ entity: "payment", entityId: payment.id })).toBe(0);
  });

  it("never refunds more than the total when two managers refund at once: exactly one of two 60 % refunds wins", async () => {
    const { seeded, manager, payment } = await paidOnline();
    const second = await signedInStaff(seeded, "manager", kit.services);
    const amount = Math.ceil(payment.total * 0.6);
    const results = await Promise.allSettled([
      manager.call((api) => api.admin.payments.refund({ paymentId: payment.id, amount, reason: "Duplicate charge" })),
      second.call((api) => api.admin.payments.refund({ paymentId: payment.id, amount, reason: "Duplicate charge" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "CONFLICT" });
    expect((await stored(payment.id)).refunded).toBe(amount);
  });

  it("refuses to refund a payment that isn't paid (CONFLICT), changing nothing", async () => {
    const { seeded, guest, tableCode } = await seatedGuest(kit.services);
    const pending = await guest.call((api) =>
      api.payment.start({ tableCode, idempotencyKey: randomUUID(), method: "counter", split: { kind: "full" } }),
    );
    const manager = await signedInStaff(seeded, "manager", kit.services);
    const before = await stored(pending.payment.id);
    await expect(
      manager.call((api) =>
        api.admin.payments.refund({ paymentId: pending.payment.id, amount: 100, reason: "Not paid" }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "Only a paid payment can be refunded." });
    expect(await stored(pending.payment.id)).toEqual(before);
  });

  it("records a counter payment's refund as processed at once", async () => {
    const { seeded, order } = await seatedGuest(kit.services);
    const staff = await signedInStaff(seeded, "staff", kit.services);
    const [settled] = await staff.call((api) =>
      api.floor.settle({ tableSessionId: order.tableSessionId, method: "cash", amount: order.total }),
    );
    const manager = await signedInStaff(seeded, "manager", kit.services);
    const refunded = await manager.call((api) =>
      api.admin.payments.refund({ paymentId: settled!.id, amount: 500, reason: "Change given short" }),
    );
    expect(refunded.refunds[0]).toMatchObject({ amount: 500, status: "processed" });
    expect(refunded.payer).toBe("Staff");
  });

  it("answers NOT_FOUND to another restaurant's manager and FORBIDDEN to staff, changing nothing", async () => {
    const { seeded, payment } = await paidOnline();
    const before = await stored(payment.id);
    const foreign = await signedInStaff(await seedRestaurant(), "manager", kit.services);
    await expect(
      foreign.call((api) => api.admin.payments.refund({ paymentId: payment.id, amount: 100, reason: "Not mine" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const staff = await signedInStaff(seeded, "staff", kit.services);
    await expect(
      staff.call((api) => api.admin.payments.refund({ paymentId: payment.id, amount: 100, reason: "Staff try" })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stored(payment.id)).toEqual(before);
  });
});
