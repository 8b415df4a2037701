/**
 * The local Razorpay's state and operations (no HTTP here; see server.ts): merchant accounts,
 * orders, payments, refunds and webhook events, in memory, each account seeing only its own.
 */
import {
  type Account,
  type Notes,
  type Order,
  type Payment,
  type Refund,
  type WebhookEvent,
  TEST_CARDS,
  newId,
  nowSeconds,
  razorpayFee,
} from "./entities";
import { RazorpayApiError, authenticationFailed, idNotFound } from "./errors";
import {
  DEFAULT_RETRY_POLICY,
  type EventRecord,
  type RetryPolicy,
  deliverOnce,
  deliverWithRetries,
  hmacHex,
} from "./webhooks";

/** What Checkout's `handler` receives after a successful payment. */
export interface CheckoutSuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  /** Hex HMAC-SHA256 of `order_id + "|" + payment_id` under the key secret, as Razorpay signs it. */
  razorpay_signature: string;
}

/** What Checkout's `payment.failed` listeners receive (`response.error`). */
export interface CheckoutFailure {
  error: {
    code: string;
    description: string;
    source: string;
    step: string;
    reason: string;
    metadata: { order_id: string; payment_id: string };
  };
}

/** A payment attempt: the card number (spaces allowed) and what Checkout's `prefill`/`notes` carried. */
export interface PayInput {
  card: string;
  contact?: string;
  email?: string;
  description?: string;
  notes?: Record<string, string>;
}

const DECLINE = {
  code: "BAD_REQUEST_ERROR",
  description: "Your payment has been declined by your bank. Try another card or payment method.",
  source: "bank",
  step: "payment_authorization",
  reason: "payment_declined",
} as const;

const MIN_AMOUNT = 100;
const MAX_NOTES = 15;
const MAX_NOTE_LENGTH = 256;
const MAX_RECEIPT_LENGTH = 40;

/** `value` as a whole number of paise, or an error naming `field`. */
function paise(value: unknown, field: string): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (value === undefined || value === null || value === "")
    throw new RazorpayApiError(400, `The ${field} field is required.`, field);
  if (typeof n !== "number" || !Number.isSafeInteger(n))
    throw new RazorpayApiError(400, `The ${field} must be an integer.`, field);
  if (n < MIN_AMOUNT) throw new RazorpayApiError(400, `The ${field} must be atleast INR 1.00`, field);
  return n;
}

function notesOf(value: unknown): Notes {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return [];
  if (typeof value !== "object" || Array.isArray(value))
    throw new RazorpayApiError(400, "The notes must be an object of key-value pairs.", "notes");
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_NOTES)
    throw new RazorpayApiError(400, `Number of fields in notes should be less than or equal to ${MAX_NOTES}`, "notes");
  const notes: Record<string, string> = {};
  for (const [key, v] of entries) {
    const text = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
    if (text.length > MAX_NOTE_LENGTH)
      throw new RazorpayApiError(400, `Notes values may not be greater than ${MAX_NOTE_LENGTH} characters.`, "notes");
    notes[key] = text;
  }
  return entries.length === 0 ? [] : notes;
}

function receiptOf(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") throw new RazorpayApiError(400, "The receipt must be a string.", "receipt");
  if (value.length > MAX_RECEIPT_LENGTH)
    throw new RazorpayApiError(400, `The receipt may not be greater than ${MAX_RECEIPT_LENGTH} characters.`, "receipt");
  return value;
}

export interface DriverOptions {
  /** Webhook retries (see `RetryPolicy`); tests may shorten the delays. */
  retry?: RetryPolicy;
}

export class LocalRazorpay {
  private readonly accounts = new Map<string, Account>();
  private readonly orders = new Map<string, { keyId: string; order: Order; payments: string[] }>();
  private readonly payments = new Map<string, { keyId: string; payment: Payment }>();
  private readonly events = new Map<string, EventRecord>();
  private readonly retry: RetryPolicy;
  private readonly closing = new AbortController();

  constructor(opts: DriverOptions = {}) {
    this.retry = opts.retry ?? DEFAULT_RETRY_POLICY;
  }

  /**
   * Adds a merchant account. Without `keys`, a new random key id (`rzp_test_…`), key secret and
   * webhook secret are made; with them (the stack's default account), those are used.
   * @throws RazorpayApiError 400 when `keys.keyId` is taken by another account.
   */
  createAccount(opts: {
    webhookUrl?: string | null;
    keys?: { keyId: string; keySecret: string; webhookSecret: string };
  }): Account {
    const keys = opts.keys ?? {
      keyId: newId("rzp_test"),
      keySecret: newId("", 24),
      webhookSecret: newId("whsec", 24),
    };
    const existing = this.accounts.get(keys.keyId);
    if (existing && (existing.keySecret !== keys.keySecret || existing.webhookSecret !== keys.webhookSecret))
      throw new RazorpayApiError(400, `The key id ${keys.keyId} belongs to another account.`, "keyId");
    const account: Account = {
      accountId: existing?.accountId ?? newId("acc"),
      ...keys,
      webhookUrl: opts.webhookUrl ?? existing?.webhookUrl ?? null,
    };
    this.accounts.set(account.keyId, account);
    return account;
  }

  /** Sets where an account's webhooks go. @throws RazorpayApiError 400 for an unknown key id. */
  setWebhookUrl(keyId: string, webhookUrl: string | null): Account {
    const account = this.accounts.get(keyId);
    if (!account) throw idNotFound();
    account.webhookUrl = webhookUrl;
    return account;
  }

  /** The account that owns an order (test-only paths, which carry no keys). @throws 400 when unknown. */
  orderAccount(orderId: string): Account {
    const keyId = this.orders.get(orderId)?.keyId;
    const account = keyId ? this.accounts.get(keyId) : undefined;
    if (!account) throw idNotFound();
    return account;
  }

  /** The account whose key id and secret these are. @throws RazorpayApiError 401 otherwise. */
  authenticate(keyId: string, keySecret: string): Account {
    const account = this.accounts.get(keyId);
    if (account?.keySecret !== keySecret) throw authenticationFailed();
    return account;
  }

  /** The account of a public key id (Checkout knows only the key id). @throws 401 when unknown. */
  accountByKeyId(keyId: string): Account {
    const account = this.accounts.get(keyId);
    if (!account) throw authenticationFailed();
    return account;
  }

  /** `POST /v1/orders`. @throws RazorpayApiError 400 for a bad amount, currency, receipt or notes. */
  createOrder(account: Account, body: Record<string, unknown>): Order {
    const amount = paise(body.amount, "amount");
    const currency = body.currency ?? "INR";
    if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
      throw new RazorpayApiError(400, "The currency must be a 3-letter ISO 4217 code.", "currency");
    const order: Order = {
      id: newId("order"),
      entity: "order",
      amount,
      amount_paid: 0,
      amount_due: amount,
      currency,
      receipt: receiptOf(body.receipt),
      offer_id: null,
      status: "created",
      attempts: 0,
      notes: notesOf(body.notes),
      created_at: nowSeconds(),
    };
    this.orders.set(order.id, { keyId: account.keyId, order, payments: [] });
    return order;
  }

  /** `GET /v1/orders/:id`. @throws RazorpayApiError 400 for an id this account does not have. */
  fetchOrder(account: Account, orderId: string): Order {
    return this.orderEntry(account, orderId).order;
  }

  /** `GET /v1/orders/:id/payments`: a collection of the order's payments, newest first. */
  orderPayments(account: Account, orderId: string) {
    const items = this.orderEntry(account, orderId)
      .payments.map((id) => this.payments.get(id)?.payment)
      .filter((p): p is Payment => p !== undefined)
      .reverse();
    return { entity: "collection" as const, count: items.length, items };
  }

  /** `GET /v1/payments/:id`. @throws RazorpayApiError 400 for an id this account does not have. */
  fetchPayment(account: Account, paymentId: string): Payment {
    const entry = this.payments.get(paymentId);
    if (entry?.keyId !== account.keyId) throw idNotFound();
    return entry.payment;
  }

  /**
   * `POST /v1/payments/:id/refund` (`amount` in paise; all that is left when absent). The refund
   * is processed at once; its `refund.processed` webhook follows the answer.
   * @throws RazorpayApiError 400 when the payment is not captured, or the amount is under ₹1 or
   *   over what was captured and not yet refunded.
   */
  refund(account: Account, paymentId: string, body: Record<string, unknown>): Refund {
    const payment = this.fetchPayment(account, paymentId);
    if (!payment.captured) throw new RazorpayApiError(400, "Only a captured payment can be refunded.", "payment_id");
    const left = payment.amount - payment.amount_refunded;
    const amount = body.amount === undefined ? left : paise(body.amount, "amount");
    if (amount > left || left === 0)
      throw new RazorpayApiError(400, "The total refund amount is greater than the refund payment amount", "amount");
    const refund: Refund = {
      id: newId("rfnd"),
      entity: "refund",
      amount,
      currency: payment.currency,
      payment_id: payment.id,
      notes: notesOf(body.notes),
      receipt: receiptOf(body.receipt),
      acquirer_data: { arn: null },
      created_at: nowSeconds(),
      batch_id: null,
      status: "processed",
      speed_processed: "normal",
      speed_requested: "normal",
    };
    payment.amount_refunded += amount;
    payment.refund_status = payment.amount_refunded === payment.amount ? "full" : "partial";
    if (payment.refund_status === "full") payment.status = "refunded";
    const event = this.recordEvent(account, payment.order_id, "refund.processed", {
      refund: { entity: refund },
      payment: { entity: payment },
    });
    // After the answer, as Razorpay does: the app learns the refund id from the answer first.
    setImmediate(() => void this.deliver(account, event));
    return refund;
  }

  /**
   * A payment of the whole order with a test card, as Checkout makes it: `4111 1111 1111 1111`
   * is captured (order paid, `payment.captured`), `4000 0000 0000 0002` is declined (order
   * attempted, `payment.failed`). The webhook is delivered (or its first tries made) before this
   * resolves, so the app hears of it before the browser does.
   * @throws RazorpayApiError 400 for an unknown card number or an order already paid.
   */
  async pay(account: Account, orderId: string, input: PayInput): Promise<CheckoutSuccess | CheckoutFailure> {
    const entry = this.orderEntry(account, orderId);
    const { order } = entry;
    const card = input.card.replace(/[\s-]/g, "");
    if (card !== TEST_CARDS.success && card !== TEST_CARDS.declined)
      throw new RazorpayApiError(
        400,
        "Use a test card: 4111 1111 1111 1111 (succeeds) or 4000 0000 0000 0002 (declined).",
        "card",
      );
    if (order.status === "paid") throw new RazorpayApiError(400, "This order has already been paid.", "order_id");
    const ok = card === TEST_CARDS.success;
    const cardId = newId("card");
    const payment: Payment = {
      id: newId("pay"),
      entity: "payment",
      amount: order.amount,
      currency: order.currency,
      status: ok ? "captured" : "failed",
      order_id: order.id,
      invoice_id: null,
      international: false,
      method: "card",
      amount_refunded: 0,
      refund_status: null,
      captured: ok,
      description: input.description ?? null,
      card_id: cardId,
      card: {
        id: cardId,
        entity: "card",
        name: "",
        last4: card.slice(-4),
        network: "Visa",
        type: "credit",
        issuer: null,
        international: false,
        emi: false,
      },
      bank: null,
      wallet: null,
      vpa: null,
      email: input.email ?? "void@razorpay.com",
      contact: input.contact ?? "",
      notes: notesOf(input.notes),
      ...(ok ? razorpayFee(order.amount) : { fee: null, tax: null }),
      error_code: ok ? null : DECLINE.code,
      error_description: ok ? null : DECLINE.description,
      error_source: ok ? null : DECLINE.source,
      error_step: ok ? null : DECLINE.step,
      error_reason: ok ? null : DECLINE.reason,
      acquirer_data: ok ? { auth_code: String(100000 + Math.floor(Math.random() * 900000)) } : {},
      created_at: nowSeconds(),
    };
    this.payments.set(payment.id, { keyId: account.keyId, payment });
    entry.payments.push(payment.id);
    order.attempts += 1;
    if (ok) {
      order.status = "paid";
      order.amount_paid = order.amount;
      order.amount_due = 0;
    } else if (order.status === "created") {
      order.status = "attempted";
    }
    const event = this.recordEvent(account, order.id, ok ? "payment.captured" : "payment.failed", {
      payment: { entity: payment },
    });
    await this.deliver(account, event);
    if (!ok) return { error: { ...DECLINE, metadata: { order_id: order.id, payment_id: payment.id } } };
    return {
      razorpay_payment_id: payment.id,
      razorpay_order_id: order.id,
      razorpay_signature: hmacHex(`${order.id}|${payment.id}`, account.keySecret),
    };
  }

  /** The events of an order (any account's: test-only), oldest first, with their delivery tries. */
  orderEvents(orderId: string) {
    return [...this.events.values()]
      .filter((e) => e.orderId === orderId)
      .map(({ id, event, deliveries }) => ({ id, event, deliveries }));
  }

  /**
   * Sends an event again, once, with the same body, signature and event id (as Razorpay's
   * retries and the dashboard's "resend" do), to the account's current webhook URL.
   * @throws RazorpayApiError 400 for an unknown event id or an account without a webhook URL.
   */
  async redeliver(eventId: string) {
    const record = this.events.get(eventId);
    if (!record) throw idNotFound();
    const account = this.accounts.get(record.keyId);
    if (!account?.webhookUrl) throw new RazorpayApiError(400, "The account has no webhook URL.", "webhookUrl");
    return deliverOnce(record, account.webhookUrl, account.webhookSecret, this.retry.timeoutMs);
  }

  /** Stops background webhook retries. */
  close(): void {
    this.closing.abort();
  }

  private orderEntry(account: Account, orderId: string) {
    const entry = this.orders.get(orderId);
    if (entry?.keyId !== account.keyId) throw idNotFound();
    return entry;
  }

  private recordEvent(
    account: Account,
    orderId: string,
    name: WebhookEvent["event"],
    payload: WebhookEvent["payload"],
  ): EventRecord {
    const event: WebhookEvent = {
      entity: "event",
      account_id: account.accountId,
      event: name,
      contains: Object.keys(payload),
      payload,
      created_at: nowSeconds(),
    };
    // The body is fixed now: a retry or redelivery sends the same bytes, as Razorpay does.
    const record: EventRecord = {
      id: newId("evt"),
      event: name,
      keyId: account.keyId,
      orderId,
      body: JSON.stringify(event),
      deliveries: [],
    };
    this.events.set(record.id, record);
    return record;
  }

  private async deliver(account: Account, record: EventRecord): Promise<void> {
    if (!account.webhookUrl) return;
    await deliverWithRetries(record, account.webhookUrl, account.webhookSecret, this.retry, this.closing.signal);
  }
}
