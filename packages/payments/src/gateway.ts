import Razorpay from "razorpay";
import { validatePaymentVerification, validateWebhookSignature } from "razorpay/dist/utils/razorpay-utils";
import type { PaymentsEnv } from "./env";

/** How long one Razorpay API call may take (milliseconds) before it fails as a timeout. */
export const RAZORPAY_TIMEOUT_MS = 10_000;

/** A Razorpay order (https://razorpay.com/docs/api/orders/): amount in paise. */
export interface GatewayOrder {
  /** `order_…`: Checkout's `order_id`. */
  id: string;
  amount: number;
  currency: string;
  status: "created" | "attempted" | "paid";
}

/** A Razorpay refund (https://razorpay.com/docs/api/refunds/). */
export interface GatewayRefund {
  /** `rfnd_…`: named again by the `refund.processed` webhook. */
  id: string;
  status: "pending" | "processed" | "failed";
}

/**
 * Razorpay through its official Node SDK (`razorpay`). Amounts are integers in paise.
 */
export interface PaymentGateway {
  /** The public key id: Checkout's `key` option. */
  readonly keyId: string;
  /** The Checkout script the guest's browser loads. */
  readonly checkoutScriptUrl: string;
  /**
   * Creates an order for Checkout (`orders.create`). `receipt`: up to 40 characters; `notes`: up
   * to 15 pairs of up to 256 characters.
   * @throws PaymentGatewayError when Razorpay refuses (400: bad amount etc., 401: bad keys) or
   *   cannot be reached (`transient`).
   */
  createOrder(input: {
    amount: number;
    currency: string;
    receipt: string;
    notes: Record<string, string>;
  }): Promise<GatewayOrder>;
  /**
   * Refunds `amount` paise of a captured payment (`payments.refund`, normal speed).
   * @throws PaymentGatewayError when Razorpay refuses (400: not captured, or more than was
   *   captured and not yet refunded) or cannot be reached (`transient`).
   */
  refund(gatewayPaymentId: string, input: { amount: number; notes: Record<string, string> }): Promise<GatewayRefund>;
  /**
   * True if `signature` is Checkout's signature of this order and payment (hex HMAC-SHA256 of
   * `orderId|paymentId` under the key secret), checked with the SDK's `validatePaymentVerification`.
   * Never throws.
   */
  verifyPayment(input: { orderId: string; paymentId: string; signature: string }): boolean;
  /**
   * True if `signature` (the `X-Razorpay-Signature` header) signs `rawBody` (the request body
   * exactly as received, before any JSON parsing) under the webhook secret, checked with the
   * SDK's `validateWebhookSignature`. A missing signature is false. Never throws.
   */
  verifyWebhook(rawBody: string | Buffer, signature: string | null | undefined): boolean;
}

/**
 * A Razorpay API call that failed: Razorpay's answer (`status`, its error `code`, `description`
 * and the `field` at fault), or no answer at all (`status` null: network error or timeout).
 * `transient` (no answer, or 5xx) means trying again later may succeed.
 */
export class PaymentGatewayError extends Error {
  readonly transient: boolean;

  constructor(
    readonly status: number | null,
    readonly code: string,
    readonly description: string,
    readonly field: string | null = null,
  ) {
    super(`Razorpay: ${status ?? "no answer"} ${code}: ${description}`);
    this.name = "PaymentGatewayError";
    this.transient = status === null || status >= 500;
  }
}

/** The SDK's rejection (`{ statusCode, error }`), or an axios error without a response, as a PaymentGatewayError. */
function gatewayError(error: unknown): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  const e = error as { statusCode?: unknown; error?: { code?: unknown; description?: unknown; field?: unknown } };
  if (typeof e?.statusCode === "number") {
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return new PaymentGatewayError(
      e.statusCode,
      str(e.error?.code) ?? "UNKNOWN",
      str(e.error?.description) ?? "No description",
      str(e.error?.field),
    );
  }
  // The SDK's error mapper reads `err.response.status`, so a request with no response (refused,
  // timed out) arrives here as a TypeError about `status`, or as axios's own error.
  return new PaymentGatewayError(null, "NETWORK_ERROR", error instanceof Error ? error.message : String(error));
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw gatewayError(error);
  }
}

/**
 * The payment gateway for `env`: the SDK with the key id and secret; with `RAZORPAY_API_URL` set
 * (the local driver), the base URL of the SDK's request client (its axios instance) is replaced
 * by it, as the SDK's own tests point it at another host. Every call times out after
 * `RAZORPAY_TIMEOUT_MS`.
 */
export function createPaymentGateway(
  env: Pick<
    PaymentsEnv,
    "RAZORPAY_KEY_ID" | "RAZORPAY_KEY_SECRET" | "RAZORPAY_WEBHOOK_SECRET" | "RAZORPAY_API_URL" | "RAZORPAY_CHECKOUT_URL"
  >,
): PaymentGateway {
  const sdk = new Razorpay({ key_id: env.RAZORPAY_KEY_ID, key_secret: env.RAZORPAY_KEY_SECRET });
  // The SDK's typings omit its axios instance (`api.rq`), which is how its base URL is replaced.
  const { defaults } = (sdk.api as unknown as { rq: { defaults: { baseURL?: string; timeout?: number } } }).rq;
  if (env.RAZORPAY_API_URL) defaults.baseURL = env.RAZORPAY_API_URL.replace(/\/+$/, "");
  defaults.timeout = RAZORPAY_TIMEOUT_MS;

  return {
    keyId: env.RAZORPAY_KEY_ID,
    checkoutScriptUrl: env.RAZORPAY_CHECKOUT_URL,
    async createOrder({ amount, currency, receipt, notes }) {
      const order = await call(() => sdk.orders.create({ amount, currency, receipt, notes }));
      return { id: order.id, amount: Number(order.amount), currency: order.currency, status: order.status };
    },
    async refund(gatewayPaymentId, { amount, notes }) {
      const refund = await call(() => sdk.payments.refund(gatewayPaymentId, { amount, notes }));
      return { id: refund.id, status: refund.status };
    },
    verifyPayment({ orderId, paymentId, signature }) {
      if (!orderId || !paymentId || !signature) return false;
      try {
        return validatePaymentVerification(
          { order_id: orderId, payment_id: paymentId },
          signature,
          env.RAZORPAY_KEY_SECRET,
        );
      } catch {
        return false;
      }
    },
    verifyWebhook(rawBody, signature) {
      if (!signature) return false;
      try {
        return validateWebhookSignature(rawBody.toString(), signature, env.RAZORPAY_WEBHOOK_SECRET);
      } catch {
        return false;
      }
    },
  };
}
