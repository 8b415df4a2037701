import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  advanceOrderInput,
  objectIdSchema,
  orderIdInput,
  orderLineInput,
  orderSubscriptionInput,
  otpCodeSchema,
  phoneInput,
  placeOrderInput,
  requestEmailVerificationInput,
  requestOtpInput,
  staffLoginInput,
  tableCodeSchema,
  tableMenuInput,
  ticketSubscriptionInput,
  updateProfileInput,
  verifyEmailInput,
  verifyOtpInput,
} from "./schemas";
import { ORDER_POLICY } from "./order-policy";

const ID = "65f1a2b3c4d5e6f708091a2b";
const ID2 = "65F1A2B3C4D5E6F708091A2C";
const CODE = "tbl_Ab3-xYz9";

/** The messages of a failed parse. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return result.error.issues.map((issue) => issue.message);
}

describe("objectIdSchema", () => {
  it("accepts 24 hex characters in either case", () => {
    expect(objectIdSchema.parse(ID)).toBe(ID);
    expect(objectIdSchema.parse(ID2)).toBe(ID2);
  });

  it.each(["", "65f1a2b3c4d5e6f708091a2", "65f1a2b3c4d5e6f708091a2b0", "65f1a2b3c4d5e6f708091a2g", ` ${ID}`, 42, null])(
    "rejects %j",
    (value) => {
      expect(messages(objectIdSchema, value)).toContain("Not a valid id");
    },
  );
});

describe("tableCodeSchema", () => {
  it.each([CODE, "abcdefgh", "A".repeat(64), "__--__--"])("accepts %j", (code) => {
    expect(tableCodeSchema.parse(code)).toBe(code);
  });

  it.each(["", "abcdefg", "A".repeat(65), "abc defgh", "abcdefg!", "abcdefg/", "ábcdefgh", 12345678])(
    "rejects %j",
    (code) => {
      expect(messages(tableCodeSchema, code)).toEqual(expect.arrayContaining(["This table's code isn't valid"]));
    },
  );

  it("is what tableMenuInput checks", () => {
    expect(tableMenuInput.parse({ tableCode: CODE })).toEqual({ tableCode: CODE });
    expect(messages(tableMenuInput, { tableCode: "x" })).toEqual(["This table's code isn't valid"]);
  });
});

describe("phoneInput and verifyOtpInput", () => {
  it("trims the phone", () => {
    expect(phoneInput.parse({ phone: "  98765 43210 " })).toEqual({ phone: "98765 43210" });
  });

  it("asks for a missing phone", () => {
    expect(messages(phoneInput, { phone: "   " })).toEqual(["Enter your phone number"]);
    expect(messages(phoneInput, { phone: "" })).toEqual(["Enter your phone number"]);
    expect(messages(phoneInput, {})).toEqual(["Enter your phone number"]);
  });

  it("caps the phone's length at 32", () => {
    expect(phoneInput.safeParse({ phone: "1".repeat(32) }).success).toBe(true);
    expect(phoneInput.safeParse({ phone: "1".repeat(33) }).success).toBe(false);
  });

  it("checks the code is 6 digits", () => {
    expect(verifyOtpInput.parse({ phone: "9876543210", code: " 012345 " })).toEqual({
      phone: "9876543210",
      code: "012345",
    });
    for (const code of ["", "12345", "1234567", "12345a", "12 345"]) {
      expect(messages(otpCodeSchema, code)).toEqual(["Enter the 6-digit code"]);
    }
    expect(messages(verifyOtpInput, { phone: "9876543210" })).toEqual(["Enter the 6-digit code"]);
  });
});

describe("requestOtpInput", () => {
  it("sends by SMS unless email is asked for, and takes an optional table code", () => {
    expect(requestOtpInput.parse({ phone: "98765 43210" })).toEqual({ phone: "98765 43210", channel: "sms" });
    expect(requestOtpInput.parse({ phone: "98765 43210", channel: "email", tableCode: CODE })).toEqual({
      phone: "98765 43210",
      channel: "email",
      tableCode: CODE,
    });
  });

  it("refuses another channel or a malformed table code", () => {
    expect(messages(requestOtpInput, { phone: "98765 43210", channel: "fax" })).toEqual(["Choose SMS or email"]);
    expect(messages(requestOtpInput, { phone: "98765 43210", tableCode: "x" })).toEqual([
      "This table's code isn't valid",
    ]);
  });
});

describe("guest email inputs", () => {
  it("trim and lower-case the address before checking it", () => {
    expect(requestEmailVerificationInput.parse({ email: " Asha@Example.COM " })).toEqual({ email: "asha@example.com" });
    expect(verifyEmailInput.parse({ email: "asha@example.com", code: " 012345 " })).toEqual({
      email: "asha@example.com",
      code: "012345",
    });
    expect(updateProfileInput.parse({ email: "  " })).toEqual({ email: "" });
  });

  it("refuse a malformed or missing address and a malformed code", () => {
    const invalid = "Enter a valid email address, e.g. asha@example.com";
    expect(messages(requestEmailVerificationInput, { email: "asha@" })).toEqual([invalid]);
    expect(messages(requestEmailVerificationInput, { email: "" })).toEqual([invalid]);
    expect(messages(requestEmailVerificationInput, {})).toEqual([invalid]);
    expect(messages(updateProfileInput, { email: "asha@" })).toEqual([invalid]);
    expect(messages(verifyEmailInput, { email: "asha@example.com", code: "12" })).toEqual(["Enter the 6-digit code"]);
  });
});

describe("staffLoginInput", () => {
  it("trims and lower-cases the email", () => {
    expect(staffLoginInput.parse({ email: "  Chef@Example.COM ", password: "x" })).toEqual({
      email: "chef@example.com",
      password: "x",
    });
  });

  it("keeps the password exactly as typed", () => {
    expect(staffLoginInput.parse({ email: "a@b.co", password: " p@ss " }).password).toBe(" p@ss ");
  });

  it("explains what's wrong", () => {
    expect(messages(staffLoginInput, { email: "not-an-email", password: "x" })).toEqual(["Enter a valid email"]);
    expect(messages(staffLoginInput, { email: "", password: "x" })).toEqual(["Enter a valid email"]);
    expect(messages(staffLoginInput, { email: "a@b.co", password: "" })).toEqual(["Enter your password"]);
    expect(messages(staffLoginInput, {})).toEqual(["Enter a valid email", "Enter your password"]);
    expect(staffLoginInput.safeParse({ email: "a@b.co", password: "x".repeat(201) }).success).toBe(false);
  });
});

describe("orderLineInput", () => {
  it("accepts a full line and trims notes", () => {
    expect(orderLineInput.parse({ menuItemId: ID, quantity: 2, optionIds: [ID2], notes: "  no onion " })).toEqual({
      menuItemId: ID,
      quantity: 2,
      optionIds: [ID2],
      notes: "no onion",
    });
    expect(orderLineInput.parse({ menuItemId: ID, quantity: 1 })).toEqual({ menuItemId: ID, quantity: 1 });
  });

  it.each([0, 51, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "2"])("rejects quantity %s", (quantity) => {
    expect(messages(orderLineInput, { menuItemId: ID, quantity })).toEqual(
      expect.arrayContaining(["Quantity must be between 1 and 50"]),
    );
  });

  it("accepts quantities 1 and 50", () => {
    expect(orderLineInput.safeParse({ menuItemId: ID, quantity: 1 }).success).toBe(true);
    expect(orderLineInput.safeParse({ menuItemId: ID, quantity: 50 }).success).toBe(true);
  });

  it("limits notes to 200 characters after trimming", () => {
    expect(orderLineInput.safeParse({ menuItemId: ID, quantity: 1, notes: ` ${"a".repeat(200)} ` }).success).toBe(true);
    expect(messages(orderLineInput, { menuItemId: ID, quantity: 1, notes: "a".repeat(201) })).toEqual([
      "Notes can be at most 200 characters",
    ]);
  });

  it("checks option ids and caps them at 20", () => {
    expect(messages(orderLineInput, { menuItemId: ID, quantity: 1, optionIds: ["x"] })).toEqual(["Not a valid id"]);
    expect(orderLineInput.safeParse({ menuItemId: ID, quantity: 1, optionIds: Array(20).fill(ID) }).success).toBe(true);
    expect(orderLineInput.safeParse({ menuItemId: ID, quantity: 1, optionIds: Array(21).fill(ID) }).success).toBe(
      false,
    );
    expect(messages(orderLineInput, { menuItemId: "x", quantity: 1 })).toEqual(["Not a valid id"]);
  });
});

describe("placeOrderInput", () => {
  const valid = {
    tableCode: CODE,
    idempotencyKey: "3f2b8c1e-9d4a-4b7e-8f61-2a9c0d5e7b13",
    items: [{ menuItemId: ID, quantity: 1 }],
  };

  it("accepts a valid order", () => {
    expect(placeOrderInput.parse(valid)).toEqual(valid);
  });

  it("takes an order-level note (trimmed, bidi controls removed, at most 200 characters)", () => {
    expect(placeOrderInput.parse({ ...valid, note: "  \u202Eallergic \u202Cto nuts  " }).note).toBe("allergic to nuts");
    expect(placeOrderInput.safeParse({ ...valid, note: "a".repeat(200) }).success).toBe(true);
    expect(messages(placeOrderInput, { ...valid, note: "a".repeat(201) })).toEqual([
      "Your note can be at most 200 characters",
    ]);
  });

  it("takes the guest's declared allergies from the allergen list, each once", () => {
    expect(placeOrderInput.parse({ ...valid, allergies: ["peanut", "milk", "peanut"] }).allergies).toEqual([
      "peanut",
      "milk",
    ]);
    expect(messages(placeOrderInput, { ...valid, allergies: ["peanut", "chocolate"] })).toEqual([
      "Choose allergies from the list",
    ]);
    expect(placeOrderInput.safeParse({ ...valid, allergies: "peanut" }).success).toBe(false);
  });

  it("rejects an empty cart and more than 100 lines", () => {
    expect(messages(placeOrderInput, { ...valid, items: [] })).toEqual(["Your cart is empty"]);
    const line = { menuItemId: ID, quantity: 1 };
    expect(placeOrderInput.safeParse({ ...valid, items: Array(100).fill(line) }).success).toBe(true);
    expect(messages(placeOrderInput, { ...valid, items: Array(101).fill(line) })).toEqual([
      "An order can have at most 100 lines",
    ]);
  });

  it.each(["short", "a".repeat(101), "has space-123", "bad/chars1"])("rejects idempotency key %j", (idempotencyKey) => {
    expect(placeOrderInput.safeParse({ ...valid, idempotencyKey }).success).toBe(false);
  });

  it("accepts idempotency keys of 8 and 100 characters", () => {
    expect(placeOrderInput.safeParse({ ...valid, idempotencyKey: "a".repeat(8) }).success).toBe(true);
    expect(placeOrderInput.safeParse({ ...valid, idempotencyKey: "a".repeat(100) }).success).toBe(true);
  });

  it("rejects a bad table code", () => {
    expect(messages(placeOrderInput, { ...valid, tableCode: "nope" })).toEqual(["This table's code isn't valid"]);
  });

  it("points at the bad line", () => {
    const result = placeOrderInput.safeParse({ ...valid, items: [valid.items[0], { menuItemId: ID, quantity: 0 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["items", 1, "quantity"]);
  });
});

describe("order and subscription inputs", () => {
  it("orderIdInput checks the id", () => {
    expect(orderIdInput.parse({ orderId: ID })).toEqual({ orderId: ID });
    expect(messages(orderIdInput, { orderId: "1" })).toEqual(["Not a valid id"]);
  });

  it("lastEventId is optional, nullable and a stream id Redis accepts", () => {
    expect(orderSubscriptionInput.parse({ orderId: ID })).toEqual({ orderId: ID });
    expect(orderSubscriptionInput.parse({ orderId: ID, lastEventId: null })).toEqual({
      orderId: ID,
      lastEventId: null,
    });
    expect(ticketSubscriptionInput.parse({})).toEqual({});
    expect(ticketSubscriptionInput.parse({ lastEventId: "1700000000000-3" })).toEqual({
      lastEventId: "1700000000000-3",
    });
    for (const lastEventId of ["e".repeat(64), "99999999999999999999-0", "1-0 "])
      expect(messages(ticketSubscriptionInput, { lastEventId }), lastEventId).toEqual([
        "This live update position isn't valid. Reload the page to start again.",
      ]);
    expect(orderSubscriptionInput.safeParse({ lastEventId: "1-0" }).success).toBe(false);
  });

  it("advanceOrderInput takes a status and an optional trimmed reason", () => {
    expect(advanceOrderInput.parse({ orderId: ID, to: "ready" })).toEqual({ orderId: ID, to: "ready" });
    expect(advanceOrderInput.parse({ orderId: ID, to: "rejected", reason: "  Out of paneer " })).toEqual({
      orderId: ID,
      to: "rejected",
      reason: "Out of paneer",
    });
    expect(messages(advanceOrderInput, { orderId: ID, to: "done" })).toEqual(["Not a valid order status"]);
    expect(messages(advanceOrderInput, { orderId: ID, to: "served", reason: "a".repeat(201) })).toEqual([
      "Reason can be at most 200 characters",
    ]);
  });
});

describe("text shown on the kitchen display", () => {
  const disguised = "\u202Estun on\u202C \u2066\u200Fextra\u200E\u2069\u061C";

  it("orderLineInput strips bidirectional controls from notes, then trims and measures them", () => {
    const line = { menuItemId: ID, quantity: 1 };
    expect(orderLineInput.parse({ ...line, notes: disguised }).notes).toBe("stun on extra");
    expect(orderLineInput.parse({ ...line, notes: ` \u202E${"a".repeat(200)}\u202C ` }).notes).toHaveLength(200);
    expect(orderLineInput.parse({ ...line, notes: "कम तीखा 🌶️" }).notes).toBe("कम तीखा 🌶️");
  });

  it("advanceOrderInput strips them from the reason the guest is shown", () => {
    expect(advanceOrderInput.parse({ orderId: ID, to: "cancelled", reason: disguised }).reason).toBe("stun on extra");
  });
});

describe("order size", () => {
  it("caps the items of an order (the sum of the quantities) at ORDER_POLICY.maxItemsPerOrder", () => {
    const line = (quantity: number) => ({ menuItemId: ID, quantity });
    const order = (lines: unknown[]) => ({ tableCode: CODE, idempotencyKey: "key-12345678", items: lines });
    const full = Array.from({ length: ORDER_POLICY.maxItemsPerOrder / 50 }, () => line(50));
    expect(placeOrderInput.safeParse(order(full)).success).toBe(true);
    expect(messages(placeOrderInput, order([...full, line(1)]))).toEqual([
      `An order can have at most ${ORDER_POLICY.maxItemsPerOrder} items`,
    ]);
  });
});
