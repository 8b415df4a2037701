import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  FLOOR_POLICY,
  SERVICE_REQUEST_POLICY,
  floorMoveInput,
  floorRequestInput,
  floorSettleInput,
  floorState,
  isServiceRequestVisible,
  paymentStartInput,
  paymentVerifyInput,
  receiptInput,
  receiptNumber,
  refundInput,
  serviceRequestInput,
  splitGst,
  splitInput,
  tabSubscriptionInput,
  tipInput,
  type FloorStateInput,
  type TableFloorState,
} from "./tab";

const ID = "65f1a2b3c4d5e6f708091a2b";
const CODE = "tbl_Ab3-xYz9";
const LINE = `${ID}:0`;
const NOW = new Date("2026-11-23T12:00:00.000Z");

/** The messages of a failed parse ([] when it parses). */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("tipInput", () => {
  it("accepts paise and the percent presets", () => {
    expect(tipInput.parse(0)).toBe(0);
    expect(tipInput.parse(2_500)).toBe(2_500);
    for (const percent of [0, 5, 10]) expect(tipInput.parse({ percent })).toEqual({ percent });
  });

  it.each([
    [-100, ["A tip can't be negative"]],
    [12.5, ["A tip is a whole number of paise"]],
    [{ percent: 7 }, ["Choose a tip of 0 %, 5 % or 10 %"]],
    [{ percent: "5" }, ["Choose a tip of 0 %, 5 % or 10 %"]],
    ["50", ["Enter the tip as an amount or a percentage"]],
    [null, ["Enter the tip as an amount or a percentage"]],
  ])("refuses %j", (value, expected) => {
    expect(messages(tipInput, value)).toEqual(expected);
  });
});

describe("splitInput", () => {
  it("accepts the three kinds", () => {
    expect(splitInput.parse({ kind: "full" })).toEqual({ kind: "full" });
    expect(splitInput.parse({ kind: "equal", parts: 20, partIndex: 19 })).toEqual({
      kind: "equal",
      parts: 20,
      partIndex: 19,
    });
    expect(splitInput.parse({ kind: "items", lineIds: [LINE, `${ID}:12`] })).toEqual({
      kind: "items",
      lineIds: [LINE, `${ID}:12`],
    });
  });

  it.each([
    [{ kind: "equal", parts: 0, partIndex: 0 }, ["Split between 1 and 20 people"]],
    [{ kind: "equal", parts: 21, partIndex: 0 }, ["Split between 1 and 20 people"]],
    [{ kind: "equal", parts: 2.5, partIndex: 0 }, ["Split between 1 and 20 people"]],
    [{ kind: "equal", parts: 3, partIndex: 3 }, ["Choose which part you're paying"]],
    [{ kind: "equal", parts: 3, partIndex: -1 }, ["Choose which part you're paying"]],
    [{ kind: "items", lineIds: [] }, ["Choose the items you're paying for"]],
    [{ kind: "items", lineIds: [LINE, LINE] }, ["Each item can be chosen only once"]],
    [{ kind: "items", lineIds: ["nope"] }, ["That item isn't valid. Refresh the bill and choose again."]],
    [{ kind: "items", lineIds: [`${ID}:01`] }, ["That item isn't valid. Refresh the bill and choose again."]],
    [{ kind: "everything" }, ["Choose how to pay: the whole bill, an equal part or your items"]],
  ])("refuses %j", (value, expected) => {
    expect(messages(splitInput, value)).toEqual(expected);
  });

  it("refuses more than 200 items", () => {
    const lineIds = Array.from({ length: 201 }, (_, i) => `${ID.slice(0, -3)}${String(i).padStart(3, "0")}:0`);
    expect(messages(splitInput, { kind: "items", lineIds })).toEqual(["You can choose at most 200 items"]);
    expect(messages(splitInput, { kind: "items", lineIds: lineIds.slice(0, 200) })).toEqual([]);
  });
});

describe("paymentStartInput", () => {
  const valid = { tableCode: CODE, idempotencyKey: "pay-2026-11-23-0001", method: "online", split: { kind: "full" } };

  it("defaults the tip to 0", () => {
    expect(paymentStartInput.parse(valid)).toEqual({ ...valid, tip: 0 });
  });

  it("refuses a bad method, tip or split, with the guest's message", () => {
    expect(messages(paymentStartInput, { ...valid, method: "cheque" })).toEqual([
      "Choose to pay online or at the counter",
    ]);
    expect(messages(paymentStartInput, { ...valid, tip: -1 })).toEqual(["A tip can't be negative"]);
    expect(messages(paymentStartInput, { ...valid, tip: 0.5 })).toEqual(["A tip is a whole number of paise"]);
    expect(messages(paymentStartInput, { ...valid, split: { kind: "equal", parts: 21, partIndex: 0 } })).toEqual([
      "Split between 1 and 20 people",
    ]);
    expect(messages(paymentStartInput, { ...valid, idempotencyKey: "short" })).toEqual(["Invalid idempotency key"]);
  });
});

describe("other inputs", () => {
  it("payment.verify needs Checkout's three values", () => {
    const valid = {
      paymentId: ID,
      razorpayOrderId: "order_1",
      razorpayPaymentId: "pay_1",
      razorpaySignature: "ab".repeat(32),
    };
    expect(paymentVerifyInput.parse(valid)).toEqual(valid);
    expect(messages(paymentVerifyInput, { ...valid, razorpaySignature: "" })).toEqual([
      "This payment's details aren't valid. Please try paying again.",
    ]);
    expect(messages(paymentVerifyInput, { ...valid, razorpayOrderId: "o".repeat(101) })).toHaveLength(1);
  });

  it("service.request takes one of the three kinds", () => {
    expect(serviceRequestInput.parse({ tableCode: CODE, kind: "water" })).toEqual({ tableCode: CODE, kind: "water" });
    expect(messages(serviceRequestInput, { tableCode: CODE, kind: "dessert" })).toEqual([
      "Choose what you need: a waiter, water or the bill",
    ]);
  });

  it("floor.settle takes a counter method and a positive whole amount of paise", () => {
    expect(floorSettleInput.parse({ tableSessionId: ID, method: "upi", amount: 45_000 })).toEqual({
      tableSessionId: ID,
      method: "upi",
      amount: 45_000,
    });
    expect(messages(floorSettleInput, { tableSessionId: ID, method: "cheque", amount: 1 })).toEqual([
      "Choose cash, card or UPI",
    ]);
    expect(messages(floorSettleInput, { tableSessionId: ID, method: "cash", amount: 0 })).toEqual([
      "Enter an amount more than zero",
    ]);
    expect(messages(floorSettleInput, { tableSessionId: ID, method: "cash", amount: 10.5 })).toEqual([
      "An amount is a whole number of paise",
    ]);
  });

  it("refund needs a reason of 3 to 200 characters, trimmed", () => {
    expect(refundInput.parse({ paymentId: ID, amount: 100, reason: "  Cold food  " }).reason).toBe("Cold food");
    expect(messages(refundInput, { paymentId: ID, amount: 100, reason: "  no " })).toEqual([
      "Give a reason for the refund",
    ]);
    expect(messages(refundInput, { paymentId: ID, amount: 100, reason: "x".repeat(201) })).toEqual([
      "A reason can be at most 200 characters",
    ]);
    expect(messages(refundInput, { paymentId: ID, amount: -5, reason: "Cold food" })).toEqual([
      "Enter an amount more than zero",
    ]);
  });

  it("the receipt token is 22–64 base64url characters", () => {
    expect(receiptInput.parse({ token: "a".repeat(22) })).toEqual({ token: "a".repeat(22) });
    for (const token of ["a".repeat(21), "a".repeat(65), `${"a".repeat(21)}+`]) {
      expect(messages(receiptInput, { token })).toEqual(["This receipt link isn't valid"]);
    }
  });

  it("ids and resume positions are checked", () => {
    expect(messages(floorRequestInput, { tableSessionId: ID, requestId: "x" })).toEqual(["Not a valid id"]);
    expect(messages(floorMoveInput, { tableSessionId: ID, toTableId: ID })).toEqual([]);
    expect(messages(tabSubscriptionInput, { tableCode: CODE, lastEventId: "not-an-id" })).toEqual([
      "This live update position isn't valid. Reload the page to start again.",
    ]);
    expect(messages(tabSubscriptionInput, { tableCode: CODE })).toEqual([]);
  });
});

describe("floorState", () => {
  const open = (session: Partial<NonNullable<FloorStateInput["session"]>> = {}): FloorStateInput => ({
    session: { requests: [], claims: 0, orderStatuses: [], ...session },
    lastClosed: null,
  });
  const closedAgo = (seconds: number, reason: "paid" | "empty" = "paid"): FloorStateInput => ({
    session: null,
    lastClosed: { at: new Date(NOW.getTime() - seconds * 1000).toISOString(), reason },
  });

  it.each<[string, FloorStateInput, TableFloorState]>([
    ["never used", { session: null, lastClosed: null }, "free"],
    ["paid a minute ago", closedAgo(60), "paid"],
    ["paid just under 15 minutes ago", closedAgo(FLOOR_POLICY.paidStateSeconds - 1), "paid"],
    ["paid 15 minutes ago", closedAgo(FLOOR_POLICY.paidStateSeconds), "free"],
    ["closed empty a minute ago", closedAgo(60, "empty"), "free"],
    ["open, nothing ordered", open(), "ordering"],
    ["open, orders in the kitchen", open({ orderStatuses: ["placed", "preparing"] }), "ordering"],
    ["open, an order served", open({ orderStatuses: ["served", "preparing"] }), "eating"],
    [
      "water asked for while eating",
      open({ orderStatuses: ["served"], requests: [{ kind: "water", status: "open" }] }),
      "eating",
    ],
    [
      "bill asked for",
      open({ orderStatuses: ["served"], requests: [{ kind: "bill", status: "open" }] }),
      "waiting_for_bill",
    ],
    ["bill request acknowledged", open({ requests: [{ kind: "bill", status: "acknowledged" }] }), "waiting_for_bill"],
    [
      "bill request resolved",
      open({ orderStatuses: ["served"], requests: [{ kind: "bill", status: "resolved" }] }),
      "eating",
    ],
    ["someone is paying", open({ orderStatuses: ["preparing"], claims: 1 }), "waiting_for_bill"],
  ])("%s → %s", (_, input, expected) => {
    expect(floorState(input, NOW)).toBe(expected);
  });
});

describe("isServiceRequestVisible", () => {
  const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

  it("shows open and acknowledged requests, and resolved ones for 10 minutes", () => {
    expect(isServiceRequestVisible({ status: "open", resolvedAt: null }, NOW)).toBe(true);
    expect(isServiceRequestVisible({ status: "acknowledged", resolvedAt: null }, NOW)).toBe(true);
    const limit = SERVICE_REQUEST_POLICY.resolvedVisibleSeconds;
    expect(isServiceRequestVisible({ status: "resolved", resolvedAt: ago(limit - 1) }, NOW)).toBe(true);
    expect(isServiceRequestVisible({ status: "resolved", resolvedAt: ago(limit) }, NOW)).toBe(false);
  });
});

describe("splitGst", () => {
  it("halves the GST into CGST and SGST, the odd paisa to CGST", () => {
    expect(splitGst(1_000)).toEqual({ cgst: 500, sgst: 500 });
    expect(splitGst(1_001)).toEqual({ cgst: 501, sgst: 500 });
    expect(splitGst(1)).toEqual({ cgst: 1, sgst: 0 });
    expect(splitGst(0)).toEqual({ cgst: 0, sgst: 0 });
  });

  it("always adds up to the tax, CGST at most 1 paisa more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (tax) => {
        const { cgst, sgst } = splitGst(tax);
        expect(cgst + sgst).toBe(tax);
        expect(cgst - sgst === 0 || cgst - sgst === 1).toBe(true);
      }),
    );
  });

  it("refuses a negative or fractional tax", () => {
    expect(() => splitGst(-1)).toThrow(RangeError);
    expect(() => splitGst(1.5)).toThrow(RangeError);
  });
});

describe("receiptNumber", () => {
  it("is R-YYYYMMDD- and the day's serial, at most 16 characters", () => {
    expect(receiptNumber("2026-11-23", 42)).toBe("R-20261123-0042");
    expect(receiptNumber("2026-11-23", 99_999)).toBe("R-20261123-99999");
    expect(receiptNumber("2026-11-23", 99_999).length).toBeLessThanOrEqual(16);
  });

  it("refuses a malformed date or serial", () => {
    expect(() => receiptNumber("23/11/2026", 1)).toThrow(RangeError);
    expect(() => receiptNumber("2026-11-23", 0)).toThrow(RangeError);
    expect(() => receiptNumber("2026-11-23", 100_000)).toThrow(RangeError);
  });
});
