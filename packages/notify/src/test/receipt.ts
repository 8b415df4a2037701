import type { ReceiptView } from "@tabletap/core";

/** A realistic GST receipt for template tests: two covered lines, service charge, GST, a tip and a refund. */
export function sampleReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    restaurant: { name: "Spice Route", gstin: "29ABCDE1234F1Z5", address: "12 MG Road, Bengaluru 560001" },
    number: "R-20251121-0003",
    paidAt: "2025-11-21T14:35:00.000Z",
    timeZone: "Asia/Kolkata",
    table: "T12",
    payer: "Asha",
    split: { kind: "items", parts: null, partIndex: null },
    lines: [
      {
        name: "Paneer Tikka",
        quantity: 2,
        unitPrice: 32_000,
        lineTotal: 64_000,
        amounts: { subtotal: 64_000, serviceCharge: 3_200, tax: 3_201 },
      },
      {
        name: "Masala Chai",
        quantity: 1,
        unitPrice: 6_000,
        lineTotal: 6_000,
        amounts: { subtotal: 6_000, serviceCharge: 300, tax: 300 },
      },
    ],
    amounts: { subtotal: 70_000, serviceCharge: 3_500, tax: 3_501 },
    taxBps: 500,
    cgst: 1_751,
    sgst: 1_750,
    tip: 7_000,
    total: 84_001,
    method: "online",
    counterMethod: null,
    refunds: [],
    refunded: 0,
    currency: "INR",
    ...overrides,
  };
}
