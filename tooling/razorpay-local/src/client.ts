/**
 * Test helpers for the driver's test-only endpoints, over HTTP (for tests of any package that run
 * against the stack's driver at `RAZORPAY_API_URL`). Each throws an Error with the driver's
 * answer when it is not 2xx.
 */
import type { CheckoutFailure, CheckoutSuccess, PayInput } from "./driver";

/** A merchant account of the driver: the values for `RAZORPAY_KEY_ID` etc. */
export interface LocalAccount {
  accountId: string;
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  webhookUrl: string | null;
}

async function call<T>(apiUrl: string, method: string, path: string, body?: unknown, ok = [200]): Promise<T> {
  const res = await fetch(new URL(path, apiUrl), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!ok.includes(res.status))
    throw new Error(`razorpay-local ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A new merchant account on the driver at `apiUrl`, its webhooks POSTed to `webhookUrl` (none
 * when null): one per test file, so no test sees another's orders or events.
 */
export function createLocalAccount(apiUrl: string, webhookUrl: string | null): Promise<LocalAccount> {
  return call(apiUrl, "POST", "/_local/accounts", { webhookUrl });
}

/**
 * Pays an order as Checkout would, without a browser (card `4111 1111 1111 1111` succeeds,
 * `4000 0000 0000 0002` is declined). Resolves after the webhook was delivered (or its first
 * tries failed), with the handler's response or the declined payment's `{ error }`.
 */
export function payLocalOrder(
  apiUrl: string,
  orderId: string,
  input: PayInput,
): Promise<CheckoutSuccess | CheckoutFailure> {
  return call(apiUrl, "POST", `/_local/orders/${encodeURIComponent(orderId)}/pay`, input, [200, 400]).then((r) => {
    const result = r as CheckoutSuccess | CheckoutFailure;
    if ("error" in result && !result.error.metadata?.payment_id)
      throw new Error(`razorpay-local pay: ${JSON.stringify(r)}`);
    return result;
  });
}

/** The webhook events of an order, oldest first, with each delivery try (status or error). */
export function localOrderEvents(apiUrl: string, orderId: string) {
  return call<{
    items: { id: string; event: string; deliveries: { at: string; status: number | null; error: string | null }[] }[];
  }>(apiUrl, "GET", `/_local/orders/${encodeURIComponent(orderId)}/events`).then((r) => r.items);
}

/** Sends an event again (same body, signature and `X-Razorpay-Event-Id`); resolves with the receiver's status. */
export function redeliverLocalEvent(apiUrl: string, eventId: string) {
  return call<{ eventId: string; status: number | null; error: string | null }>(
    apiUrl,
    "POST",
    `/_local/webhooks/${encodeURIComponent(eventId)}/redeliver`,
  );
}
