import { randomUUID } from "node:crypto";
import { percentOfBps, type PaymentStartInput } from "@tabletap/core";
import { Order, Payment, Table, TableSession } from "@tabletap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeAt, razorpayTestKit, seatedGuest, type RazorpayTestKit } from "../razorpay-testing";
import { signedInGuest, signedInStaff, testServices, type TestClient } from "../testing";

let kit: RazorpayTestKit;
/** An account whose webhooks go nowhere: only the browser's `payment.verify` can settle its payments. */
let quiet: RazorpayTestKit;

beforeAll(async () => {
  [kit, quiet] = await Promise.all([razorpayTestKit(), razorpayTestKit({ webhooks: false })]);
});
afterAll(() => Promise.all([kit.close(), quiet.close()]));

type Start = Omit<PaymentStartInput, "idempotencyKey" | "tip"> &
  Partial<Pick<PaymentStartInput, "idempotencyKey" | "tip">>;

function start(guest: TestClient, input: Start) {
  return guest.call((api) => api.payment.start({ idempotencyKey: randomUUID(), tip: 0, ...input }));
}

/** What a refused call must leave unchanged: the session's claims and version, and its payments. */
async function snapshot(tableSessionId: string) {
  const [session, payments] = await Promise.all([
    TableSession.findById(tableSessionId).lean(),
    Payment.find({ tableSessionId }).lean(),
  ]);
  return {
    version: session?.version,
    status: session?.status,
    claims: session?.claims,
    equalSplit: session?.equalSplit,
    payments: payments.map((p) => ({ id: p._id.toString(), status: p.status, refunded: p.refunded })),
  };
}

describe("payment.start and payment.verify", () => {
  it("pays the whole bill online with a 10 % tip: a Razorpay order for share + tip, verified, settled once, and the table is freed", async () => {
    const { guest, tableCode, order } = await seatedGuest(quiet.services);
    const started = await start(guest, { tableCode, method: "online", tip: { percent: 10 }, split: { kind: "full" } });
    const tip = percentOfBps(order.total, 1000);
    expect(started.payment).toMatchObject({
      kind: "full",
      amount: order.total,
      tip,
      total: order.total + tip,
      status: "created",
    });
    expect(started.checkout).toMatchObject({ keyId: quiet.account.keyId, amount: order.total + tip, currency: "INR" });
    expect(started.checkout?.prefill.contact).toMatch(/^\+91/);

    const paid = await quiet.pay(started.checkout!.razorpayOrderId);
    if ("error" in paid) throw new Error("the test card was declined");
    const verified = await guest.call((api) =>
      api.payment.verify({
        paymentId: started.payment.id,
        razorpayOrderId: paid.razorpay_order_id,
        razorpayPaymentId: paid.razorpay_payment_id,
        razorpaySignature: paid.razorpay_signature,
      }),
    );
    expect(verified).toMatchObject({ id: started.payment.id, status: "paid", total: order.total + tip });
    // A second verify (a browser retry) changes nothing.
    await guest.call((api) =>
      api.payment.verify({
        paymentId: started.payment.id,
        razorpayOrderId: paid.razorpay_order_id,
        razorpayPaymentId: paid.razorpay_payment_id,
        razorpaySignature: paid.razorpay_signature,
      }),
    );

    const session = await TableSession.findById(order.tableSessionId).lean();
    expect(session).toMatchObject({ status: "closed", closeReason: "paid" });
    expect(session?.claims).toHaveLength(1);
    expect(session?.claims[0]).toMatchObject({ status: "paid", tip });
    const stored = await Payment.findById(started.payment.id).lean();
    expect(stored?.gateway).toMatchObject({ orderId: paid.razorpay_order_id, paymentId: paid.razorpay_payment_id });
    expect((await Table.findById(session?.tableId).lean())?.openSessionId ?? null).toBeNull();
  });

  it("links the payer, and only the payer, to their receipt once their payment is paid", async () => {
    const { seeded, guest, tableCode, order } = await seatedGuest(quiet.services);
    const friend = await signedInGuest(undefined, quiet.services);
    await friend.call((api) => api.tab.get({ tableCode }));
    const split = { kind: "equal", parts: 2, partIndex: 0 } as const;
    const started = await start(guest, { tableCode, method: "online", split });
    expect(started.payment.receiptToken).toBeNull();
    const paid = await quiet.pay(started.checkout!.razorpayOrderId);
    if ("error" in paid) throw new Error("the test card was declined");
    const verified = await guest.call((api) =>
      api.payment.verify({
        paymentId: started.payment.id,
        razorpayOrderId: paid.razorpay_order_id,
        razorpayPaymentId: paid.razorpay_payment_id,
        razorpaySignature: paid.razorpay_signature,
      }),
    );
    const token = (await Payment.findById(started.payment.id).lean())?.receipt?.token;
    expect(token).toBeTruthy();
    expect(verified).toMatchObject({ status: "paid", receiptToken: token });
    // The receipt behind it is the payer's.
    const receipt = await guest.call((api) => api.receipt.get({ token: token! }));
    expect(receipt.total).toBe(verified.total);

    // Half is still due: the tab is open, and the payer's own view of it carries the link.
    const mine = await guest.call((api) => api.tab.get({ tableCode }));
    expect(mine.session?.payments).toEqual([
      expect.objectContaining({ id: started.payment.id, status: "paid", receiptToken: token }),
    ]);
    // Another guest at the table, and staff, see the payment but never its link.
    const theirs = await friend.call((api) => api.tab.get({ tableCode }));
    expect(theirs.session?.payments).toEqual([
      expect.objectContaining({ id: started.payment.id, status: "paid", receiptToken: null }),
    ]);
    expect(JSON.stringify(theirs)).not.toContain(token);
    const staff = await signedInStaff(seeded, "staff", quiet.services);
    const floor = await staff.call((api) => api.floor.tab({ tableSessionId: order.tableSessionId }));
    expect(floor.session?.payments).toEqual([expect.objectContaining({ receiptToken: null })]);
    expect(JSON.stringify(floor)).not.toContain(token);
  });

  it("cancels a guest's own unpaid Checkout hold when they start another payment; another guest's hold stays, and a late capture of the cancelled one still settles", async () => {
    const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
    const friend = await signedInGuest(undefined, kit.services);
    await placeAt(friend, seeded, tableCode, [{ name: "Butter Naan", quantity: 1 }]);
    const theirs = await start(friend, {
      tableCode,
      method: "online",
      split: { kind: "equal", parts: 2, partIndex: 1 },
    });
    // The guest opens Checkout for their half, closes it without paying, and pays at the counter instead.
    const abandoned = await start(guest, {
      tableCode,
      method: "online",
      split: { kind: "equal", parts: 2, partIndex: 0 },
    });
    const counter = await start(guest, {
      tableCode,
      method: "counter",
      split: { kind: "equal", parts: 2, partIndex: 0 },
    });
    expect(counter.payment).toMatchObject({ status: "pending", method: "counter", kind: "equal", partIndex: 0 });

    const status = async (id: string) => (await Payment.findById(id).lean())?.status;
    expect(await status(abandoned.payment.id)).toBe("cancelled");
    expect(await status(theirs.payment.id)).toBe("created");
    const session = await TableSession.findById(order.tableSessionId).lean();
    expect(session?.claims.map((claim) => [claim.paymentId.toString(), claim.status])).toEqual([
      [theirs.payment.id, "pending"],
      [counter.payment.id, "pending"],
    ]);
    // The friend's own Checkout is untouched: they can still pay it.
    const friendsTab = await friend.call((api) => api.tab.get({ tableCode }));
    expect(friendsTab.session?.payments.map((payment) => [payment.id, payment.status])).toEqual([
      [theirs.payment.id, "created"],
      [counter.payment.id, "pending"],
    ]);

    // Money Razorpay captures for the cancelled hold after all is never lost.
    await kit.pay(abandoned.checkout!.razorpayOrderId);
    await expect.poll(() => status(abandoned.payment.id)).toBe("paid");
  });

  it("answers the same payment for the same idempotency key, also when the two requests race", async () => {
    const { guest, tableCode, order } = await seatedGuest(kit.services);
    const idempotencyKey = randomUUID();
    const input = { tableCode, idempotencyKey, method: "counter", split: { kind: "full" } } as const;
    const [a, b] = await Promise.all([start(guest, input), start(guest, input)]);
    expect(b.payment.id).toBe(a.payment.id);
    expect((await start(guest, input)).payment.id).toBe(a.payment.id);
    expect(await Payment.countDocuments({ tableSessionId: order.tableSessionId })).toBe(1);
    expect((await TableSession.findById(order.tableSessionId).lean())?.claims).toHaveLength(1);
  });

  it("leaves a counter payment pending for staff, holding its items", async () => {
    const { guest, tableCode, order } = await seatedGuest(kit.services);
    const lineId = `${order.id}:0`;
    const started = await start(guest, { tableCode, method: "counter", split: { kind: "items", lineIds: [lineId] } });
    expect(started).toMatchObject({ checkout: null, payment: { status: "pending", method: "counter", kind: "items" } });
    expect(started.payment.amount).toBeLessThan(order.total);
    const session = await TableSession.findById(order.tableSessionId).lean();
    expect(session?.claims[0]).toMatchObject({
      status: "pending",
      lineIds: [lineId],
      method: "counter",
      expiresAt: null,
    });
  });

  describe("refuses bad input with a typed error, and nothing changes", () => {
    let guest: TestClient;
    let tableCode: string;
    let tableSessionId: string;
    let orderId: string;

    beforeAll(async () => {
      const seated = await seatedGuest(kit.services);
      ({ guest, tableCode } = seated);
      tableSessionId = seated.order.tableSessionId;
      orderId = seated.order.id;
    });

    it.each([
      ["a negative tip", { tip: -100 }, "BAD_REQUEST", /can't be negative/],
      ["a fractional tip", { tip: 10.5 }, "BAD_REQUEST", /whole number/],
      ["a tip over the amount due", { tip: 10_000_000 }, "BAD_REQUEST", /more than the amount/],
      ["a split between 0", { split: { kind: "equal", parts: 0, partIndex: 0 } }, "BAD_REQUEST", /between 1 and 20/],
      ["a split between 21", { split: { kind: "equal", parts: 21, partIndex: 0 } }, "BAD_REQUEST", /between 1 and 20/],
      [
        "an item that isn't on this tab",
        { split: { kind: "items", lineIds: [`${"a".repeat(24)}:0`] } },
        "BAD_REQUEST",
        /./,
      ],
    ] as const)("%s", async (_, change, code, message) => {
      const before = await snapshot(tableSessionId);
      await expect(
        start(guest, { tableCode, method: "online", split: { kind: "full" }, ...change } as Start),
      ).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await snapshot(tableSessionId)).toEqual(before);
    });

    it("items someone already holds (CONFLICT)", async () => {
      const lineIds = [`${orderId}:0`];
      await start(guest, { tableCode, method: "counter", split: { kind: "items", lineIds } });
      const before = await snapshot(tableSessionId);
      await expect(
        start(guest, { tableCode, method: "online", split: { kind: "items", lineIds } }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await snapshot(tableSessionId)).toEqual(before);
    });
  });

  it("refuses another table's tab and a guest who isn't at the table (NOT_FOUND), changing nothing", async () => {
    const first = await seatedGuest(kit.services);
    const stranger = await signedInGuest(undefined, kit.services);
    // The stranger orders at T2 of the same restaurant: a member there, not at T1.
    const theirs = await placeAt(stranger, first.seeded, first.seeded.tables[1]!.code, [
      { name: "Rasmalai", quantity: 1 },
    ]);
    const before = await snapshot(first.order.tableSessionId);
    await expect(
      start(stranger, { tableCode: first.tableCode, method: "counter", split: { kind: "full" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "There's no open bill at this table." });
    // T1's lines are not on T2's tab.
    await expect(
      start(stranger, {
        tableCode: first.seeded.tables[1]!.code,
        method: "counter",
        split: { kind: "items", lineIds: [`${first.order.id}:0`] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot(first.order.tableSessionId)).toEqual(before);
    expect(await Payment.countDocuments({ tableSessionId: theirs.tableSessionId })).toBe(0);
  });

  it("refuses a payment once the session is closed", async () => {
    const { guest, tableCode, order } = await seatedGuest(kit.services);
    const started = await start(guest, { tableCode, method: "online", split: { kind: "full" } });
    await kit.pay(started.checkout!.razorpayOrderId);
    await expect.poll(async () => (await TableSession.findById(order.tableSessionId).lean())?.status).toBe("closed");
    const before = await snapshot(order.tableSessionId);
    await expect(start(guest, { tableCode, method: "counter", split: { kind: "full" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await snapshot(order.tableSessionId)).toEqual(before);
  });

  it("answers BAD_GATEWAY when Razorpay can't be reached: the payment fails and its hold is released", async () => {
    const down = testServices({ RAZORPAY_API_URL: "http://127.0.0.1:9" });
    const { guest, tableCode, order } = await seatedGuest(down);
    await expect(start(guest, { tableCode, method: "online", split: { kind: "full" } })).rejects.toMatchObject({
      code: "BAD_GATEWAY",
      message: expect.stringMatching(/nothing was charged/),
    });
    const [payment] = await Payment.find({ tableSessionId: order.tableSessionId }).lean();
    expect(payment?.status).toBe("failed");
    expect((await TableSession.findById(order.tableSessionId).lean())?.claims).toEqual([]);
  });

  describe("payment.verify refuses", () => {
    it("a forged signature and another payment's order id (BAD_REQUEST), and another guest's payment (NOT_FOUND); nothing changes", async () => {
      const { guest, tableCode, order } = await seatedGuest(quiet.services);
      const mine = await start(guest, {
        tableCode,
        method: "online",
        split: { kind: "items", lineIds: [`${order.id}:0`] },
      });
      const other = await start(guest, {
        tableCode,
        method: "online",
        split: { kind: "items", lineIds: [`${order.id}:1`] },
      });
      const paid = await quiet.pay(mine.checkout!.razorpayOrderId);
      if ("error" in paid) throw new Error("the test card was declined");
      const before = await snapshot(order.tableSessionId);
      const verify = (client: TestClient, change: Partial<Record<string, string>>) =>
        client.call((api) =>
          api.payment.verify({
            paymentId: mine.payment.id,
            razorpayOrderId: paid.razorpay_order_id,
            razorpayPaymentId: paid.razorpay_payment_id,
            razorpaySignature: paid.razorpay_signature,
            ...change,
          }),
        );
      await expect(verify(guest, { razorpaySignature: "0".repeat(64) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(verify(guest, { razorpayOrderId: other.checkout!.razorpayOrderId })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await expect(verify(guest, { paymentId: other.payment.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      const stranger = await signedInGuest(undefined, quiet.services);
      await expect(verify(stranger, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await snapshot(order.tableSessionId)).toEqual(before);
    });
  });

  describe("under concurrency", () => {
    it("lets exactly one of two guests paying the same items at once win", async () => {
      const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
      const friend = await signedInGuest(undefined, kit.services);
      await placeAt(friend, seeded, tableCode, [{ name: "Butter Naan", quantity: 1 }]);
      const lineIds = [`${order.id}:0`, `${order.id}:1`];
      const results = await Promise.allSettled([
        start(guest, { tableCode, method: "online", split: { kind: "items", lineIds } }),
        start(friend, { tableCode, method: "online", split: { kind: "items", lineIds } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.reason).toMatchObject({ code: "CONFLICT" });
      expect(await Payment.countDocuments({ tableSessionId: order.tableSessionId })).toBe(1);
      expect((await TableSession.findById(order.tableSessionId).lean())?.claims).toHaveLength(1);
    });

    it("lets 4 guests pay 4 equal parts in parallel; the parts add up to the bill and the session closes", async () => {
      const { seeded, guest, tableCode, order } = await seatedGuest(kit.services);
      const friends = await Promise.all([1, 2, 3].map(() => signedInGuest(undefined, kit.services)));
      for (const friend of friends) await placeAt(friend, seeded, tableCode, [{ name: "Butter Naan", quantity: 1 }]);
      const guests = [guest, ...friends];
      const started = await Promise.all(
        guests.map((g, partIndex) =>
          start(g, { tableCode, method: "online", split: { kind: "equal", parts: 4, partIndex } }),
        ),
      );
      const session = await TableSession.findById(order.tableSessionId).lean();
      const bill = (await Payment.find({ tableSessionId: order.tableSessionId }).lean()).reduce(
        (sum, p) => sum + p.amount,
        0,
      );
      const orders = await Order.find({ tableSessionId: order.tableSessionId }).lean();
      expect(session?.claims).toHaveLength(4);
      expect(bill).toBe(orders.reduce((sum, o) => sum + o.total, 0));
      await Promise.all(started.map((s) => kit.pay(s.checkout!.razorpayOrderId)));
      await expect.poll(async () => (await TableSession.findById(order.tableSessionId).lean())?.status).toBe("closed");
      expect(await Payment.countDocuments({ tableSessionId: order.tableSessionId, status: "paid" })).toBe(4);
    });
  });
});
