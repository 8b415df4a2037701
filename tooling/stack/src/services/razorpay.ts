/**
 * The local Razorpay: tooling/razorpay-local (@tabletap/razorpay-local), a Node HTTP server that
 * speaks Razorpay's orders/payments/refunds API, Checkout and signed webhooks, in memory.
 */
import { LOCAL_RAZORPAY_ACCOUNT } from "@tabletap/payments";
import { driverCommand } from "@tabletap/razorpay-local";
import { DEV_GUEST_APP_URL, HOST, RAZORPAY_WEBHOOK_PATH, type StackProfile } from "../profiles";
import type { ServiceSpec } from "./types";

type Env = Record<string, string | undefined>;

/**
 * Where the default account's webhooks go: `RAZORPAY_LOCAL_WEBHOOK_URL`, else in the dev profile
 * the guest app's `/api/webhooks/razorpay` (at `GUEST_APP_URL`, default http://127.0.0.1:3000);
 * else (test profile, whose apps start later on ports of their own) none, until a test sets one
 * (`PATCH /_local/accounts/:keyId`) or makes an account of its own.
 */
export function razorpayWebhookUrl(env: Env, profile: StackProfile): string | null {
  if (env.RAZORPAY_LOCAL_WEBHOOK_URL) return env.RAZORPAY_LOCAL_WEBHOOK_URL;
  if (profile !== "dev") return null;
  return new URL(RAZORPAY_WEBHOOK_PATH, env.GUEST_APP_URL || DEV_GUEST_APP_URL).toString();
}

/**
 * Razorpay: the local driver on 127.0.0.1, with the default account (`LOCAL_RAZORPAY_ACCOUNT`'s
 * public test keys) sending webhooks to `razorpayWebhookUrl(env, profile)`. A driver already
 * answering (dev reuse) gets that webhook URL too (`provision`).
 */
export function razorpayService(env: Env): ServiceSpec {
  const account = LOCAL_RAZORPAY_ACCOUNT;
  return {
    name: "razorpay",
    startTimeoutMs: 20_000,
    async probe({ url }) {
      try {
        const res = await fetch(`${url}/_local/health`, { signal: AbortSignal.timeout(1500) });
        const body = (await res.json()) as { service?: unknown };
        return res.ok && body.service === "razorpay-local";
      } catch {
        return false;
      }
    },
    async provision({ url, profile }) {
      const res = await fetch(`${url}/_local/accounts/${account.keyId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ webhookUrl: razorpayWebhookUrl(env, profile) }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok)
        throw new Error(
          `stack: razorpay at ${url} has no account ${account.keyId} (${res.status} ${await res.text()})`,
        );
    },
    prepare({ port, profile, dataDir }) {
      const webhookUrl = razorpayWebhookUrl(env, profile);
      return Promise.resolve({
        ...driverCommand(HOST, port),
        cwd: dataDir,
        env: {
          PATH: process.env.PATH ?? "",
          RAZORPAY_KEY_ID: account.keyId,
          RAZORPAY_KEY_SECRET: account.keySecret,
          RAZORPAY_WEBHOOK_SECRET: account.webhookSecret,
          ...(webhookUrl ? { RAZORPAY_LOCAL_WEBHOOK_URL: webhookUrl } : {}),
        },
      });
    },
  };
}
