/**
 * Signed webhook delivery, as Razorpay does it (https://razorpay.com/docs/webhooks/): a POST of
 * the event's JSON with `X-Razorpay-Signature` = hex HMAC-SHA256 of the raw body under the
 * account's webhook secret and `X-Razorpay-Event-Id`; any answer but 2xx within the timeout is a
 * failure, retried with exponential backoff.
 */
import { createHmac } from "node:crypto";
import { setTimeout as wait } from "node:timers/promises";

/**
 * How the driver retries a webhook: `attempts` tries in all, the first `beforeAnswer` of them
 * before the request that caused the event is answered (so the app hears of a payment before the
 * browser returns), `firstDelayMs` doubling up to `maxDelayMs` between tries; each try waits
 * `timeoutMs` for an answer (Razorpay's own timeout is 5 s).
 */
export interface RetryPolicy {
  attempts: number;
  beforeAnswer: number;
  firstDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  beforeAnswer: 4,
  firstDelayMs: 200,
  maxDelayMs: 30_000,
  timeoutMs: 5000,
};

/** One try at delivering an event: when, and the receiver's HTTP status or the network error. */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

/** An event to deliver: its id, the exact body sent on every try, and the tries so far. */
export interface EventRecord {
  id: string;
  event: string;
  keyId: string;
  orderId: string;
  body: string;
  deliveries: DeliveryAttempt[];
}

/** The hex HMAC-SHA256 of `payload` under `secret` (Razorpay's webhook and Checkout signatures). */
export function hmacHex(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

/** Waits `ms`; resolves false at once if `signal` aborts (the driver is closing). */
const sleep = (ms: number, signal: AbortSignal) => wait(ms, true, { signal }).catch(() => false);

/** One POST of `record` to `url`; records and returns the attempt. Never rejects. */
export async function deliverOnce(
  record: EventRecord,
  url: string,
  webhookSecret: string,
  timeoutMs: number,
): Promise<DeliveryAttempt> {
  const attempt: DeliveryAttempt = { at: new Date().toISOString(), status: null, error: null };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Razorpay-Webhook/v1",
        "x-razorpay-signature": hmacHex(record.body, webhookSecret),
        "x-razorpay-event-id": record.id,
      },
      body: record.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    attempt.status = res.status;
  } catch (error) {
    attempt.error = error instanceof Error ? error.message : String(error);
  }
  record.deliveries.push(attempt);
  return attempt;
}

const delivered = (attempt: DeliveryAttempt) =>
  attempt.status !== null && attempt.status >= 200 && attempt.status < 300;

/**
 * Delivers `record` with retries. Resolves after the first `policy.beforeAnswer` tries (or the
 * first success); further tries, if needed, go on in the background, so a receiver that is
 * down for a moment still gets the event. Background tries stop when `signal` aborts.
 */
export async function deliverWithRetries(
  record: EventRecord,
  url: string,
  webhookSecret: string,
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<void> {
  const delay = (i: number) => Math.min(policy.firstDelayMs * 2 ** i, policy.maxDelayMs);
  const attempt = async (i: number): Promise<boolean> => {
    if (i > 0 && !(await sleep(delay(i - 1), signal))) return true;
    return delivered(await deliverOnce(record, url, webhookSecret, policy.timeoutMs));
  };
  for (let i = 0; i < Math.min(policy.beforeAnswer, policy.attempts); i++) if (await attempt(i)) return;
  void (async () => {
    for (let i = policy.beforeAnswer; i < policy.attempts; i++) if (await attempt(i)) return;
  })();
}
