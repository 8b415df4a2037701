import { randomBytes } from "node:crypto";
import { billTotal } from "@tabletap/core";
import { Customer } from "@tabletap/db";
import { seedPaidPayment } from "@tabletap/db/seed-payments";
import { describe, expect, it } from "vitest";
import { randomPhone, seedRestaurant, TestClient } from "../testing";

const anonymous = () => new TestClient("guest");
const receiptOf = (token: string) => anonymous().call((api) => api.receipt.get({ token }));

describe("receipt.get", () => {
  it("shows anyone with the link the GST receipt: restaurant, GSTIN, number, lines, CGST/SGST halves, tip apart", async () => {
    const seeded = await seedRestaurant();
    const customer = await Customer.create({ phone: randomPhone(), name: "Asha" });
    const paidAt = new Date("2026-11-21T14:35:00.000Z");
    const { payment, order } = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: customer._id,
      tip: 5_000,
      paidAt,
    });
    const receipt = await receiptOf(payment.receipt!.token);
    expect(receipt).toMatchObject({
      restaurant: { name: "Saffron Table", gstin: "29ABCDE1234F1Z5", address: "12 Residency Road, Bengaluru 560025" },
      number: "R-20261121-0001",
      paidAt: paidAt.toISOString(),
      timeZone: "Asia/Kolkata",
      table: payment.tableLabel,
      payer: "Asha",
      split: { kind: "items", parts: null, partIndex: null },
      taxBps: 500,
      tip: 5_000,
      total: payment.total,
      method: "online",
      counterMethod: null,
      refunds: [],
      refunded: 0,
      currency: "INR",
    });
    expect(receipt.lines.map((line) => [line.quantity, line.name, line.lineTotal])).toEqual([
      [2, "Paneer Tikka", 64_000],
      [1, "Masala Chai", 6_000],
    ]);
    // The lines' shares add up to the payment's amounts, to the paisa.
    expect(receipt.lines.reduce((sum, line) => sum + billTotal(line.amounts), 0)).toBe(billTotal(receipt.amounts));
    expect(receipt.amounts).toEqual({ subtotal: order.subtotal, serviceCharge: order.serviceCharge, tax: order.tax });
    expect(receipt.cgst + receipt.sgst).toBe(receipt.amounts.tax);
    expect(receipt.cgst - receipt.sgst).toBe(receipt.amounts.tax % 2);
    expect(receipt.total).toBe(billTotal(receipt.amounts) + receipt.tip);
  });

  it("numbers a day's receipts in the order they were paid", async () => {
    const seeded = await seedRestaurant();
    const second = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      paidAt: new Date("2026-11-21T15:00:00.000Z"),
    });
    const first = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      paidAt: new Date("2026-11-21T14:00:00.000Z"),
    });
    const other = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      businessDate: "2026-11-22",
    });
    expect((await receiptOf(first.payment.receipt!.token)).number).toBe("R-20261121-0001");
    expect((await receiptOf(second.payment.receipt!.token)).number).toBe("R-20261121-0002");
    expect((await receiptOf(other.payment.receipt!.token)).number).toBe("R-20261122-0001");
  });

  it("shows an equal share without lines, how it was paid at the counter, and its refunds", async () => {
    const seeded = await seedRestaurant();
    const { payment } = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      kind: "equal",
      method: "counter",
      counterMethod: "upi",
      refunds: [
        { amount: 1_000, reason: "Chai was cold", status: "processed", at: new Date("2026-11-21T16:00:00.000Z") },
        { amount: 500, reason: "Bank declined", status: "failed" },
      ],
    });
    const receipt = await receiptOf(payment.receipt!.token);
    expect(receipt).toMatchObject({
      payer: null,
      split: { kind: "equal", parts: 2, partIndex: 0 },
      lines: [],
      method: "counter",
      counterMethod: "upi",
      refunds: [
        { amount: 1_000, reason: "Chai was cold", status: "processed", at: "2026-11-21T16:00:00.000Z" },
        { amount: 500, reason: "Bank declined", status: "failed" },
      ],
      refunded: 1_000,
    });
  });

  it("answers NOT_FOUND for an unknown token or a payment not paid yet, BAD_REQUEST for a malformed one", async () => {
    const seeded = await seedRestaurant();
    const { payment } = await seedPaidPayment({
      restaurantId: seeded.restaurantId,
      customerId: null,
      status: "created",
    });
    await expect(receiptOf(payment.receipt!.token)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/couldn't find this receipt/),
    });
    await expect(receiptOf(randomBytes(16).toString("base64url"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(receiptOf("short")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/receipt link isn't valid/),
    });
  });
});
