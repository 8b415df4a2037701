/**
 * The gateway against the local Razorpay driver (started here, in-process), through the SDK:
 * orders, refunds, Checkout signatures and webhook signatures as the apps use them.
 */
import {
  createLocalAccount,
  payLocalOrder,
  startRazorpayDriver,
  startWebhookReceiver,
  type CheckoutSuccess,
  type LocalAccount,
  type RunningDriver,
  type WebhookReceiver,
} from "@tabletap/razorpay-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentGateway, PaymentGatewayError, paymentsEnv, type PaymentGateway } from "./index";

let driver: RunningDriver;
let receiver: WebhookReceiver;
let account: LocalAccount;
let gateway: PaymentGateway;

function gatewayFor(keys: { keyId: string; keySecret: string; webhookSecret: string }, apiUrl = driver.url) {
  return createPaymentGateway(
    paymentsEnv({
      NODE_ENV: "test",
      RAZORPAY_KEY_ID: keys.keyId,
      RAZORPAY_KEY_SECRET: keys.keySecret,
      RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
      RAZORPAY_API_URL: apiUrl,
      RAZORPAY_CHECKOUT_URL: `${apiUrl}/v1/checkout.js`,
    }),
  );
}

beforeAll(async () => {
  driver = await startRazorpayDriver();
  receiver = await startWebhookReceiver();
  account = await createLocalAccount(driver.url, receiver.url);
  gateway = gatewayFor(account);
});

afterAll(async () => {
  await driver?.close();
  await receiver?.close();
});

async function paidOrder(amount: number) {
  const order = await gateway.createOrder({
    amount,
    currency: "INR",
    receipt: "T4-1",
    notes: { paymentId: "pay-doc-1" },
  });
  const result = (await payLocalOrder(driver.url, order.id, { card: "4111 1111 1111 1111" })) as CheckoutSuccess;
  return { order, result };
}

describe("createPaymentGateway", () => {
  it("names its key and Checkout script", () => {
    expect(gateway.keyId).toBe(account.keyId);
    expect(gateway.checkoutScriptUrl).toBe(`${driver.url}/v1/checkout.js`);
  });

  it("creates an order for the amount in paise", async () => {
    const order = await gateway.createOrder({
      amount: 45_678,
      currency: "INR",
      receipt: "T4-1",
      notes: { paymentId: "x" },
    });
    expect(order).toEqual({ id: expect.stringMatching(/^order_/), amount: 45_678, currency: "INR", status: "created" });
  });

  it("verifies Checkout's signature, and refuses a forged or mismatched one", async () => {
    const { order, result } = await paidOrder(10_000);
    const good = { orderId: order.id, paymentId: result.razorpay_payment_id, signature: result.razorpay_signature };
    expect(gateway.verifyPayment(good)).toBe(true);
    expect(gateway.verifyPayment({ ...good, signature: "0".repeat(64) })).toBe(false);
    expect(gateway.verifyPayment({ ...good, orderId: "order_AnotherOrder00" })).toBe(false);
    expect(gateway.verifyPayment({ ...good, signature: "" })).toBe(false);
    const other = await createLocalAccount(driver.url, null);
    expect(gatewayFor(other).verifyPayment(good)).toBe(false);
  });

  it("verifies a webhook's signature on the raw body, and refuses a tampered body or a missing signature", async () => {
    const { order } = await paidOrder(20_000);
    const webhook = receiver.received.find((r) => r.body.includes(order.id));
    expect(webhook, "the payment.captured webhook arrived before the payment's answer").toBeDefined();
    const signature = String(webhook!.headers["x-razorpay-signature"]);
    expect(gateway.verifyWebhook(webhook!.body, signature)).toBe(true);
    expect(gateway.verifyWebhook(Buffer.from(webhook!.body), signature)).toBe(true);
    expect(gateway.verifyWebhook(webhook!.body.replace("20000", "2000"), signature)).toBe(false);
    expect(gateway.verifyWebhook(webhook!.body, undefined)).toBe(false);
    expect(gateway.verifyWebhook(webhook!.body, "")).toBe(false);
  });

  it("refunds part of a payment, and refuses more than is left with Razorpay's answer", async () => {
    const { result } = await paidOrder(15_000);
    const refund = await gateway.refund(result.razorpay_payment_id, { amount: 5000, notes: { reason: "late" } });
    expect(refund).toEqual({ id: expect.stringMatching(/^rfnd_/), status: "processed" });
    const over = gateway.refund(result.razorpay_payment_id, { amount: 10_001, notes: {} });
    await expect(over).rejects.toBeInstanceOf(PaymentGatewayError);
    await expect(over).rejects.toMatchObject({
      status: 400,
      code: "BAD_REQUEST_ERROR",
      description: "The total refund amount is greater than the refund payment amount",
      transient: false,
    });
  });

  it("reports wrong keys as a 401 PaymentGatewayError", async () => {
    const wrong = gatewayFor({ ...account, keySecret: "not-the-secret" });
    await expect(wrong.createOrder({ amount: 100, currency: "INR", receipt: "r", notes: {} })).rejects.toMatchObject({
      status: 401,
      description: "Authentication failed",
    });
  });

  it("reports an unreachable Razorpay as a transient PaymentGatewayError", async () => {
    const down = await startRazorpayDriver();
    const url = down.url;
    await down.close();
    const gone = gatewayFor(account, url);
    await expect(gone.createOrder({ amount: 100, currency: "INR", receipt: "r", notes: {} })).rejects.toMatchObject({
      name: "PaymentGatewayError",
      status: null,
      transient: true,
    });
  });
});
