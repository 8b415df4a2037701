/**
 * The Razorpay entities the local driver keeps (in memory), shaped as Razorpay's API returns
 * them (https://razorpay.com/docs/api/orders/, /payments/, /refunds/): amounts in paise (the
 * currency's smallest unit), timestamps in Unix seconds (UTC), ids `<prefix>_<14 base62>`.
 */
import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random Razorpay-style id: `prefix` + "_" + `length` base62 characters. */
export function newId(prefix: string, length = 14): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += BASE62[byte % 62];
  return prefix ? `${prefix}_${id}` : id;
}

/** Razorpay's `notes`: up to 15 string pairs; an empty set is serialised as `[]`, as Razorpay does. */
export type Notes = Record<string, string> | [];

/** The current time in Unix seconds. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** One merchant account of the driver: its API keys, webhook secret and webhook URL. */
export interface Account {
  /** `acc_…`: the webhook payload's `account_id`. */
  accountId: string;
  /** `rzp_test_…`: Basic auth user name, and Checkout's `key`. */
  keyId: string;
  /** Basic auth password; signs Checkout's `razorpay_signature`. */
  keySecret: string;
  /** Signs webhook bodies (`X-Razorpay-Signature`). */
  webhookSecret: string;
  /** Where webhooks are POSTed; null: events are recorded but not delivered. */
  webhookUrl: string | null;
}

export interface Order {
  id: string;
  entity: "order";
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: null;
  status: "created" | "attempted" | "paid";
  attempts: number;
  notes: Notes;
  created_at: number;
}

/** Checkout's card as Razorpay reports it on a payment. */
interface Card {
  id: string;
  entity: "card";
  name: string;
  last4: string;
  network: "Visa";
  type: "credit";
  issuer: null;
  international: false;
  emi: false;
}

export interface Payment {
  id: string;
  entity: "payment";
  amount: number;
  currency: string;
  status: "captured" | "failed" | "refunded";
  order_id: string;
  invoice_id: null;
  international: false;
  method: "card";
  amount_refunded: number;
  refund_status: null | "partial" | "full";
  captured: boolean;
  description: string | null;
  card_id: string;
  card: Card;
  bank: null;
  wallet: null;
  vpa: null;
  email: string;
  contact: string;
  notes: Notes;
  /** Razorpay's fee including GST on it, paise (null for a failed payment). */
  fee: number | null;
  /** The GST part of `fee`, paise. */
  tax: number | null;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  acquirer_data: Record<string, string | null>;
  created_at: number;
}

export interface Refund {
  id: string;
  entity: "refund";
  amount: number;
  currency: string;
  payment_id: string;
  notes: Notes;
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: null;
  status: "processed";
  speed_processed: "normal";
  speed_requested: "normal";
}

/** A webhook event as Razorpay POSTs it (`entity: "event"`). */
export interface WebhookEvent {
  entity: "event";
  account_id: string;
  event: "payment.captured" | "payment.failed" | "refund.processed";
  contains: string[];
  payload: Record<string, { entity: Payment | Refund }>;
  created_at: number;
}

/** The test cards of the local checkout (spaces optional). */
export const TEST_CARDS = {
  success: "4111111111111111",
  declined: "4000000000000002",
} as const;

/** Razorpay's fee on a captured payment: 2 % of the amount plus 18 % GST on that fee (paise, rounded). */
export function razorpayFee(amount: number): { fee: number; tax: number } {
  const base = Math.round(amount * 0.02);
  const tax = Math.round(base * 0.18);
  return { fee: base + tax, tax };
}
