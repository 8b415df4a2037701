/**
 * Checkout in a real browser (Debian's Chromium through playwright-core): a merchant page on
 * another origin loads the driver's checkout.js, opens it, and pays in the iframe as a guest would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import Razorpay from "razorpay";
import { validatePaymentVerification } from "razorpay/dist/utils/razorpay-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalAccount, startRazorpayDriver, type LocalAccount, type RunningDriver } from "./index";
import { startWebhookReceiver, type WebhookReceiver } from "./testing";

let driver: RunningDriver;
let receiver: WebhookReceiver;
let account: LocalAccount;
let rzp: Razorpay;
let merchant: Server;
let merchantUrl: string;
let browser: Browser;

/** What the merchant's server heard from its page: the handler's response, and the webhooks it had by then. */
const verified: { body: Record<string, string>; webhooksBefore: number }[] = [];

/** The merchant's page: Checkout with the options a real integration passes. */
function merchantPage(orderId: string): string {
  return `<!doctype html><html><head><script src="${driver.url}/v1/checkout.js"></script></head><body>
<button id="pay">Pay</button>
<script>
  window.failures = []; window.dismissed = 0;
  var rzp = new Razorpay({
    key: ${JSON.stringify(account.keyId)}, amount: 25000, currency: "INR", order_id: ${JSON.stringify(orderId)},
    name: "Spice Route", description: "Table 4", prefill: { contact: "+919876543210" },
    notes: { paymentId: "doc-1" },
    handler: function (response) {
      fetch("/verify", { method: "POST", body: JSON.stringify(response) }).then(function () { window.verified = true; });
    },
    modal: { ondismiss: function () { window.dismissed += 1; } }
  });
  rzp.on("payment.failed", function (response) { window.failures.push(response); });
  document.getElementById("pay").onclick = function () { rzp.open(); };
</script></body></html>`;
}

beforeAll(async () => {
  driver = await startRazorpayDriver();
  // A slow app: the browser must still hear of the payment only after the app has.
  receiver = await startWebhookReceiver({ answerAfterMs: 1000 });
  account = await createLocalAccount(driver.url, receiver.url);
  rzp = new Razorpay({ key_id: account.keyId, key_secret: account.keySecret });
  (rzp.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = driver.url;
  merchant = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://merchant");
    if (req.method === "POST" && url.pathname === "/verify") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
        const webhooksBefore = receiver.received.filter((r) => r.body.includes(body.razorpay_order_id ?? "-")).length;
        verified.push({ body, webhooksBefore });
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(merchantPage(url.searchParams.get("order") ?? ""));
  });
  await new Promise<void>((resolve) => merchant.listen(0, "127.0.0.1", resolve));
  merchantUrl = `http://localhost:${(merchant.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => merchant?.close(resolve));
  await driver?.close();
  await receiver?.close();
});

async function openCheckout(page: Page): Promise<string> {
  const order = await rzp.orders.create({ amount: 25_000, currency: "INR" });
  await page.goto(`${merchantUrl}/?order=${order.id}`);
  await page.getByRole("button", { name: "Pay" }).click();
  return order.id;
}

describe("Checkout in the browser", () => {
  it("reports a declined card to payment.failed, then pays and hands the signed response to the handler after the webhook", async () => {
    const page = await browser.newPage();
    const orderId = await openCheckout(page);
    const dialog = page.getByRole("dialog", { name: "Razorpay Checkout" });
    const frame = page.frameLocator('iframe[title="Razorpay Checkout"]');

    await frame.getByLabel("Card number").fill("4000 0000 0000 0002");
    await frame.getByRole("button", { name: "Pay ₹250.00" }).click();
    await expect.poll(() => frame.getByRole("alert").textContent()).toContain("declined");
    const [failure] = await page.evaluate<{ error: Record<string, unknown> }[]>("window.failures");
    expect(failure?.error).toMatchObject({
      code: "BAD_REQUEST_ERROR",
      reason: "payment_declined",
      metadata: { order_id: orderId, payment_id: expect.stringMatching(/^pay_/) },
    });
    expect(await dialog.count()).toBe(1);

    await frame.getByLabel("Card number").fill("4111 1111 1111 1111");
    await frame.getByRole("button", { name: "Pay ₹250.00" }).click();
    await expect.poll(() => verified.find((v) => v.body.razorpay_order_id === orderId)).toBeDefined();
    const { body, webhooksBefore } = verified.find((v) => v.body.razorpay_order_id === orderId)!;
    // payment.failed, then payment.captured: both arrived before the browser handed over the result.
    expect(webhooksBefore).toBe(2);
    expect(
      validatePaymentVerification(
        { order_id: orderId, payment_id: body.razorpay_payment_id ?? "" },
        body.razorpay_signature ?? "",
        account.keySecret,
      ),
    ).toBe(true);
    await expect.poll(() => dialog.count()).toBe(0);
    await page.close();
  });

  it("closes on Cancel and calls modal.ondismiss", async () => {
    const page = await browser.newPage();
    await openCheckout(page);
    await page.frameLocator('iframe[title="Razorpay Checkout"]').getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.evaluate("window.dismissed")).toBe(1);
    expect(await page.getByRole("dialog", { name: "Razorpay Checkout" }).count()).toBe(0);
    await page.close();
  });
});
