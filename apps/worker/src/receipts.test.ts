import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { EMAIL_POLICY, RECEIPT_POLICY } from "@tabletap/core";
import { Customer, disconnectDb, Payment, type PaymentDoc } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { seedPaidPayment, type SeedPaymentOptions } from "@tabletap/db/seed-payments";
import { createEmailSender, DevOutboxSmsSender, GuestEmailLimit, readDevOutbox } from "@tabletap/notify";
import { createRedis } from "@tabletap/redis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env";
import { relayReceipts, startReceiptRelay, type ReceiptDeps } from "./receipts";
import { connectDb } from "@tabletap/db";

const env = loadWorkerEnv({ ...process.env, LOG_LEVEL: "silent", GUEST_APP_URL: "https://order.example.com" });
const log = pino({ level: "silent" });
const redis = createRedis(env.REDIS_URL);
/** Texts of this file go to their own dev outbox list. */
const smsKey = `test:sms-outbox:${randomUUID()}`;
const deps: ReceiptDeps = {
  sms: new DevOutboxSmsSender(redis, { key: smsKey }),
  email: createEmailSender(env),
  emailLimit: new GuestEmailLimit(redis),
  guestAppUrl: env.GUEST_APP_URL,
  log,
};
let restaurantId: string;

beforeAll(async () => {
  await connectDb(env.MONGODB_URI);
  const seeded = await seedDemo({
    slug: `r-${randomBytes(5).toString("hex")}`,
    staffEmailDomain: `${randomUUID()}.test`,
  });
  restaurantId = seeded.restaurantId;
});

afterAll(async () => {
  await redis.quit();
  await disconnectDb();
});

interface StoredEmail {
  subject?: string;
  destination?: { to?: string[] };
  body?: { text?: string; html?: string };
}
/** The emails the local SES stand-in "sent" to `address`. */
async function emailsTo(address: string): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((e) => e.destination?.to?.includes(address));
}
const textsTo = (phone: string) => readDevOutbox(redis, { to: phone, key: smsKey });
const stored = (id: PaymentDoc["_id"]) => Payment.findById(id).lean<PaymentDoc>();

/** A guest (random phone; `email` verified unless `verified` is false) and their paid payment. */
async function guestPayment(opts: { email?: string; verified?: boolean } & Partial<SeedPaymentOptions> = {}) {
  const phone = `+919${randomInt(100_000_000, 999_999_999)}`;
  const customer = await Customer.create({
    phone,
    name: "Asha",
    email: opts.email ?? null,
    emailVerifiedAt: opts.email && opts.verified !== false ? new Date() : null,
  });
  const { payment } = await seedPaidPayment({ restaurantId, customerId: customer._id, tip: 5_000, ...opts });
  return { payment, phone, customerId: customer._id.toString() };
}

describe("receipt relay", () => {
  it("emails the GST receipt to a verified email and texts the link, then marks it sent", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { payment, phone } = await guestPayment({ email });
    const result = await relayReceipts(deps);
    expect(result.sent).toContain(payment._id.toString());

    const link = `https://order.example.com/receipts/${payment.receipt!.token}`;
    const [sent, ...more] = await emailsTo(email);
    expect(more).toEqual([]);
    expect(sent?.subject).toMatch(/^Tax invoice R-20261121-\d{4} from Saffron Table$/);
    expect(sent?.body?.text).toContain("GSTIN: 29ABCDE1234F1Z5");
    expect(sent?.body?.text).toContain("Paneer Tikka");
    expect(sent?.body?.text).toContain("CGST 2.5%");
    expect(sent?.body?.text).toContain("Tip (no GST): ₹50.00");
    expect(sent?.body?.text).toContain(link);
    expect(sent?.body?.html).toContain("Tax invoice");

    const texts = await textsTo(phone);
    expect(texts).toEqual([expect.objectContaining({ body: expect.stringContaining(link) })]);
    const after = await stored(payment._id);
    expect(after?.receipt).toMatchObject({ status: "sent", emailedAt: expect.any(Date), textedAt: expect.any(Date) });
  });

  it("only texts a guest whose email is not verified", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { payment, phone } = await guestPayment({ email, verified: false });
    await relayReceipts(deps);
    expect(await textsTo(phone)).toHaveLength(1);
    expect(await emailsTo(email)).toEqual([]);
    expect((await stored(payment._id))?.receipt).toMatchObject({ status: "sent", emailedAt: null });
  });

  it("texts but doesn't email past the guest's emails per hour", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { payment, phone, customerId } = await guestPayment({ email });
    for (let i = 0; i < EMAIL_POLICY.emailsPerGuestPerHour; i += 1) await deps.emailLimit.consume(customerId);
    await relayReceipts(deps);
    expect(await emailsTo(email)).toEqual([]);
    expect(await textsTo(phone)).toHaveLength(1);
    expect((await stored(payment._id))?.receipt?.status).toBe("sent");
  });

  it("skips a payment staff recorded without a guest", async () => {
    const { payment } = await seedPaidPayment({
      restaurantId,
      customerId: null,
      method: "counter",
      counterMethod: "cash",
    });
    const result = await relayReceipts(deps);
    expect(result.skipped).toContain(payment._id.toString());
    expect((await stored(payment._id))?.receipt).toMatchObject({ status: "skipped", emailedAt: null, textedAt: null });
  });

  it("leaves payments that are not paid alone", async () => {
    const { payment, phone } = await guestPayment({ status: "created" });
    await relayReceipts(deps);
    expect(await textsTo(phone)).toEqual([]);
    expect((await stored(payment._id))?.receipt?.status).toBe("pending");
  });

  it("sends once when two workers run at once", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { payment, phone } = await guestPayment({ email });
    await Promise.all([relayReceipts(deps), relayReceipts(deps), relayReceipts(deps)]);
    expect(await emailsTo(email)).toHaveLength(1);
    expect(await textsTo(phone)).toHaveLength(1);
    expect((await stored(payment._id))?.receipt?.status).toBe("sent");
  });

  it("retries a receipt whose send failed once its claim is stale, sending only what is missing", async () => {
    const email = `guest-${randomUUID()}@example.com`;
    const { payment, phone } = await guestPayment({ email });
    // The email goes out, then the SMS provider is down.
    const failing = { ...deps, sms: { send: () => Promise.reject(new Error("SMS provider down")) } };
    const first = await relayReceipts(failing);
    expect(first.failed).toContain(payment._id.toString());
    const claimed = await stored(payment._id);
    expect(claimed?.receipt).toMatchObject({ status: "sending", emailedAt: expect.any(Date), textedAt: null });

    // A fresh claim is left to its worker...
    await relayReceipts(deps);
    expect(await textsTo(phone)).toEqual([]);
    // ...a stale one is taken over: the text is sent, the email not again.
    const later = new Date(Date.now() + (RECEIPT_POLICY.claimTimeoutSeconds + 1) * 1000);
    const retry = await relayReceipts(
      deps,
      () => false,
      () => later,
    );
    expect(retry.sent).toContain(payment._id.toString());
    expect(await textsTo(phone)).toHaveLength(1);
    expect(await emailsTo(email)).toHaveLength(1);
    expect((await stored(payment._id))?.receipt?.status).toBe("sent");
  });

  it("runs every interval until stopped", async () => {
    const { payment, phone } = await guestPayment();
    const stop = startReceiptRelay({ deps, intervalMs: 200 });
    try {
      await expect
        .poll(async () => (await stored(payment._id))?.receipt?.status, { message: "the relay sends the receipt" })
        .toBe("sent");
      expect(await textsTo(phone)).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});
