/**
 * The local driver through Razorpay's own Node SDK (its request client pointed at the driver, as
 * the SDK's tests point it at another host) and the SDK's signature helpers.
 */
import Razorpay from "razorpay";
import { validatePaymentVerification, validateWebhookSignature } from "razorpay/dist/utils/razorpay-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLocalAccount,
  localOrderEvents,
  payLocalOrder,
  redeliverLocalEvent,
  startRazorpayDriver,
  type CheckoutSuccess,
  type LocalAccount,
  type RunningDriver,
  type WebhookEvent,
} from "./index";
import { startWebhookReceiver, type WebhookReceiver } from "./testing";

let driver: RunningDriver;
let receiver: WebhookReceiver;
let account: LocalAccount;
let rzp: Razorpay;

/** The SDK, its axios client's base URL replaced by the driver's. */
function sdk(keyId: string, keySecret: string): Razorpay {
  const client = new Razorpay({ key_id: keyId, key_secret: keySecret });
  (client.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = driver.url;
  return client;
}

/** The webhooks received for an order, parsed. */
function eventsFor(orderId: string) {
  return receiver.received
    .map((r) => ({ ...r, event: JSON.parse(r.body) as WebhookEvent }))
    .filter(({ event }) => {
      const payment = event.payload.payment?.entity;
      return payment && "order_id" in payment && payment.order_id === orderId;
    });
}

beforeAll(async () => {
  driver = await startRazorpayDriver({
    retry: { attempts: 5, beforeAnswer: 3, firstDelayMs: 20, maxDelayMs: 200, timeoutMs: 2000 },
  });
  receiver = await startWebhookReceiver();
  account = await createLocalAccount(driver.url, receiver.url);
  rzp = sdk(account.keyId, account.keySecret);
});

afterAll(async () => {
  await driver?.close();
  await receiver?.close();
});

describe("orders API", () => {
  it("creates and fetches an order through the SDK", async () => {
    const order = await rzp.orders.create({
      amount: 54_321,
      currency: "INR",
      receipt: "T1-r1",
      notes: { paymentId: "p1" },
    });
    expect(order).toMatchObject({
      entity: "order",
      amount: 54_321,
      amount_paid: 0,
      amount_due: 54_321,
      currency: "INR",
      receipt: "T1-r1",
      status: "created",
      attempts: 0,
      notes: { paymentId: "p1" },
    });
    expect(order.id).toMatch(/^order_[0-9A-Za-z]{14}$/);
    expect(await rzp.orders.fetch(order.id)).toEqual(order);
  });

  it("answers wrong credentials with 401 in Razorpay's error shape", async () => {
    await expect(sdk(account.keyId, "wrong-secret").orders.create({ amount: 100, currency: "INR" })).rejects.toEqual({
      statusCode: 401,
      error: expect.objectContaining({ code: "BAD_REQUEST_ERROR", description: "Authentication failed" }),
    });
    const res = await fetch(`${driver.url}/v1/orders`, { method: "POST" });
    expect(res.status).toBe(401);
  });

  it("accepts a form-encoded body, as Razorpay does", async () => {
    const res = await fetch(`${driver.url}/v1/orders`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${account.keyId}:${account.keySecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount=1500&currency=INR&notes[table]=T4",
    });
    expect(await res.json()).toMatchObject({ amount: 1500, currency: "INR", notes: { table: "T4" } });
  });

  it("refuses an amount under ₹1 with 400 naming the field", async () => {
    await expect(rzp.orders.create({ amount: 99, currency: "INR" })).rejects.toEqual({
      statusCode: 400,
      error: expect.objectContaining({ code: "BAD_REQUEST_ERROR", field: "amount" }),
    });
  });

  it("keeps each account's orders to itself", async () => {
    const order = await rzp.orders.create({ amount: 1000, currency: "INR" });
    const other = await createLocalAccount(driver.url, null);
    await expect(sdk(other.keyId, other.keySecret).orders.fetch(order.id)).rejects.toEqual({
      statusCode: 400,
      error: expect.objectContaining({ description: "The id provided does not exist" }),
    });
  });
});

describe("a payment", () => {
  it("is signed as Razorpay signs it, and captured; its webhook arrives before the answer", async () => {
    const order = await rzp.orders.create({ amount: 25_000, currency: "INR", receipt: "r-ok" });
    const result = (await payLocalOrder(driver.url, order.id, {
      card: "4111 1111 1111 1111",
      contact: "+919876543210",
    })) as CheckoutSuccess;
    // Checked at once, no polling: the driver answers only after the app was told.
    const [captured, ...more] = eventsFor(order.id);
    expect(more).toEqual([]);
    expect(captured?.answered).toBe(200);

    expect(result.razorpay_order_id).toBe(order.id);
    expect(
      validatePaymentVerification(
        { order_id: order.id, payment_id: result.razorpay_payment_id },
        result.razorpay_signature,
        account.keySecret,
      ),
    ).toBe(true);
    expect(
      validatePaymentVerification(
        { order_id: order.id, payment_id: result.razorpay_payment_id },
        result.razorpay_signature,
        "another-secret",
      ),
    ).toBe(false);

    const headers = captured!.headers;
    expect(
      validateWebhookSignature(captured!.body, String(headers["x-razorpay-signature"]), account.webhookSecret),
    ).toBe(true);
    expect(headers["x-razorpay-event-id"]).toMatch(/^evt_/);
    expect(captured!.event).toMatchObject({
      entity: "event",
      account_id: account.accountId,
      event: "payment.captured",
      contains: ["payment"],
      payload: {
        payment: {
          entity: {
            id: result.razorpay_payment_id,
            entity: "payment",
            amount: 25_000,
            status: "captured",
            captured: true,
            order_id: order.id,
            contact: "+919876543210",
          },
        },
      },
    });
    expect(captured!.event.created_at).toBeTypeOf("number");

    const payment = await rzp.payments.fetch(result.razorpay_payment_id);
    expect(payment).toMatchObject({ status: "captured", captured: true, amount: 25_000, amount_refunded: 0 });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({
      status: "paid",
      amount_paid: 25_000,
      amount_due: 0,
      attempts: 1,
    });
    expect(await rzp.orders.fetchPayments(order.id)).toMatchObject({ entity: "collection", count: 1 });
    await expect(payLocalOrder(driver.url, order.id, { card: "4111111111111111" })).rejects.toThrow(
      /already been paid/,
    );
  });

  it("declined: payment.failed before the answer, Checkout's error object, nothing captured", async () => {
    const order = await rzp.orders.create({ amount: 12_000, currency: "INR" });
    const result = await payLocalOrder(driver.url, order.id, { card: "4000 0000 0000 0002" });
    expect(result).toEqual({
      error: {
        code: "BAD_REQUEST_ERROR",
        description: expect.stringContaining("declined"),
        source: "bank",
        step: "payment_authorization",
        reason: "payment_declined",
        metadata: { order_id: order.id, payment_id: expect.stringMatching(/^pay_/) },
      },
    });
    const paymentId = "error" in result ? result.error.metadata.payment_id : "";
    const [failed, ...more] = eventsFor(order.id);
    expect(more).toEqual([]);
    expect(failed!.event.event).toBe("payment.failed");
    expect(failed!.event.payload.payment?.entity).toMatchObject({ id: paymentId, status: "failed", captured: false });
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({
      status: "failed",
      captured: false,
      error_reason: "payment_declined",
    });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "attempted", amount_paid: 0, attempts: 1 });
    await expect(rzp.payments.refund(paymentId, { amount: 100 })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("retries a webhook the app failed, before answering, with the same event id", async () => {
    const order = await rzp.orders.create({ amount: 5000, currency: "INR" });
    receiver.failNext(2);
    await payLocalOrder(driver.url, order.id, { card: "4111111111111111" });
    const tries = eventsFor(order.id);
    expect(tries.map((t) => t.answered)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((t) => t.headers["x-razorpay-event-id"])).size).toBe(1);
    const [event] = await localOrderEvents(driver.url, order.id);
    expect(event?.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
  });

  it("redelivers an event with the same id, body and signature", async () => {
    const order = await rzp.orders.create({ amount: 7000, currency: "INR" });
    await payLocalOrder(driver.url, order.id, { card: "4111111111111111" });
    const [first] = eventsFor(order.id);
    const eventId = String(first!.headers["x-razorpay-event-id"]);
    expect(await redeliverLocalEvent(driver.url, eventId)).toMatchObject({ eventId, status: 200 });
    const [, again] = eventsFor(order.id);
    expect(again?.headers["x-razorpay-event-id"]).toBe(eventId);
    expect(again?.body).toBe(first!.body);
    expect(again?.headers["x-razorpay-signature"]).toBe(first!.headers["x-razorpay-signature"]);
  });
});

describe("refunds", () => {
  it("refunds partly, then the rest, refuses more than is left, and sends refund.processed", async () => {
    const order = await rzp.orders.create({ amount: 30_000, currency: "INR" });
    const { razorpay_payment_id: paymentId } = (await payLocalOrder(driver.url, order.id, {
      card: "4111111111111111",
    })) as CheckoutSuccess;

    const partial = await rzp.payments.refund(paymentId, { amount: 10_000, notes: { reason: "cold soup" } });
    expect(partial).toMatchObject({ entity: "refund", amount: 10_000, payment_id: paymentId, status: "processed" });
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({ amount_refunded: 10_000, refund_status: "partial" });

    await expect(rzp.payments.refund(paymentId, { amount: 20_001 })).rejects.toEqual({
      statusCode: 400,
      error: expect.objectContaining({
        code: "BAD_REQUEST_ERROR",
        description: "The total refund amount is greater than the refund payment amount",
      }),
    });
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({ amount_refunded: 10_000 });

    const rest = await rzp.payments.refund(paymentId, { amount: 20_000 });
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({
      status: "refunded",
      amount_refunded: 30_000,
      refund_status: "full",
    });
    await expect(rzp.payments.refund(paymentId, { amount: 100 })).rejects.toMatchObject({ statusCode: 400 });

    await expect.poll(() => eventsFor(order.id).filter((r) => r.event.event === "refund.processed").length).toBe(2);
    const refunds = eventsFor(order.id).filter((r) => r.event.event === "refund.processed");
    expect(refunds.map((r) => r.event.payload.refund?.entity.id)).toEqual([partial.id, rest.id]);
    expect(refunds[0]!.event.contains).toEqual(["refund", "payment"]);
    for (const r of refunds)
      expect(validateWebhookSignature(r.body, String(r.headers["x-razorpay-signature"]), account.webhookSecret)).toBe(
        true,
      );
  });
});

describe("Checkout", () => {
  it("serves checkout.js defining window.Razorpay that opens the driver's page", async () => {
    const res = await fetch(`${driver.url}/v1/checkout.js`);
    expect(res.headers.get("content-type")).toContain("javascript");
    const script = await res.text();
    expect(script).toContain("window.Razorpay = Razorpay");
    expect(script).toContain(JSON.stringify(driver.url));
  });

  it("shows a page with a labelled card field, Pay ₹X and Cancel", async () => {
    const order = await rzp.orders.create({ amount: 123_450, currency: "INR" });
    const page = await fetch(
      `${driver.url}/checkout/${order.id}?key_id=${account.keyId}&name=${encodeURIComponent("Spice <Route>")}`,
    ).then((r) => r.text());
    expect(page).toContain('<label for="card">Card number</label>');
    expect(page).toContain("Pay ₹1,234.50</button>");
    expect(page).toContain("Cancel</button>");
    expect(page).toContain("Spice &lt;Route&gt;");
  });

  it("shows an error page for a link with another account's key", async () => {
    const order = await rzp.orders.create({ amount: 2000, currency: "INR" });
    const other = await createLocalAccount(driver.url, null);
    const res = await fetch(`${driver.url}/checkout/${order.id}?key_id=${other.keyId}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<p role="alert">The id provided does not exist</p>');
  });

  it("pays from the page's form post with the account's public key", async () => {
    const order = await rzp.orders.create({ amount: 2000, currency: "INR" });
    const res = await fetch(`${driver.url}/checkout/${order.id}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key_id: account.keyId, card: "4111 1111 1111 1111" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as CheckoutSuccess;
    expect(eventsFor(order.id)).toHaveLength(1);
    expect(
      validatePaymentVerification(
        { order_id: order.id, payment_id: body.razorpay_payment_id },
        body.razorpay_signature,
        account.keySecret,
      ),
    ).toBe(true);
  });
});
