import { createEnv } from "@t3-oss/env-core";
import { envOptions, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";
import { LOCAL_RAZORPAY_ACCOUNT } from "./local-account";

/** Razorpay Checkout's script (https://razorpay.com/docs/payments/payment-gateway/web-integration/standard/). */
export const RAZORPAY_CHECKOUT_SCRIPT_URL = "https://checkout.razorpay.com/v1/checkout.js";

/**
 * Variables of the payments package (Razorpay). Outside production the keys default to the local
 * driver's account (`LOCAL_RAZORPAY_ACCOUNT`) and the local stack sets all five. In production
 * (NODE_ENV=production) the apps refuse to start when a key or secret is unset or left at the
 * local driver's value, when the webhook secret equals the key secret (Razorpay asks for a
 * different one), when `RAZORPAY_API_URL` is set (the local driver only) or when the Checkout
 * script is not served over https.
 */
export const paymentsEnvSchema = z
  .object({
    NODE_ENV: nodeEnvSchema,
    /** API key id, `rzp_live_…` or `rzp_test_…` (Dashboard → Account & Settings → API keys); also Checkout's `key`. */
    RAZORPAY_KEY_ID: z
      .string()
      .regex(/^rzp_(live|test)_\w+$/, "A Razorpay key id looks like rzp_live_… or rzp_test_…")
      .default(LOCAL_RAZORPAY_ACCOUNT.keyId),
    /** The key id's secret: the SDK's Basic auth password, and the key of Checkout's payment signatures. */
    RAZORPAY_KEY_SECRET: z.string().min(1).default(LOCAL_RAZORPAY_ACCOUNT.keySecret),
    /** The secret set on the webhook (Dashboard → Webhooks): the key of `X-Razorpay-Signature`. */
    RAZORPAY_WEBHOOK_SECRET: z.string().min(1).default(LOCAL_RAZORPAY_ACCOUNT.webhookSecret),
    /** The local driver's origin, e.g. "http://127.0.0.1:7080"; unset = Razorpay (https://api.razorpay.com). */
    RAZORPAY_API_URL: z.url().optional(),
    /** Where guests' browsers load Checkout from. */
    RAZORPAY_CHECKOUT_URL: z.url().default(RAZORPAY_CHECKOUT_SCRIPT_URL),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    const refuse = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const local = {
      RAZORPAY_KEY_ID: LOCAL_RAZORPAY_ACCOUNT.keyId,
      RAZORPAY_KEY_SECRET: LOCAL_RAZORPAY_ACCOUNT.keySecret,
      RAZORPAY_WEBHOOK_SECRET: LOCAL_RAZORPAY_ACCOUNT.webhookSecret,
    } as const;
    for (const [key, value] of Object.entries(local))
      if (env[key as keyof typeof local] === value)
        refuse(
          key,
          `${key} must be set to your Razorpay account's value in production (it is unset or the local driver's)`,
        );
    if (
      env.RAZORPAY_WEBHOOK_SECRET === env.RAZORPAY_KEY_SECRET &&
      env.RAZORPAY_KEY_SECRET !== local.RAZORPAY_KEY_SECRET
    )
      refuse("RAZORPAY_WEBHOOK_SECRET", "RAZORPAY_WEBHOOK_SECRET must differ from RAZORPAY_KEY_SECRET in production");
    if (env.RAZORPAY_API_URL)
      refuse(
        "RAZORPAY_API_URL",
        "RAZORPAY_API_URL is for the local Razorpay driver only: leave it unset in production",
      );
    if (!env.RAZORPAY_CHECKOUT_URL.startsWith("https://"))
      refuse("RAZORPAY_CHECKOUT_URL", "RAZORPAY_CHECKOUT_URL must be an https URL in production");
  });
export type PaymentsEnv = z.infer<typeof paymentsEnvSchema>;

/**
 * The payments package's validated variables from `source` (default `process.env`; empty strings
 * count as unset); apps compose it with `extends`. @throws Error naming every invalid variable.
 */
export function paymentsEnv(source: EnvSource = process.env) {
  // The production check spans several variables, so the whole refined schema validates.
  return createEnv({
    server: paymentsEnvSchema.shape,
    createFinalSchema: () => paymentsEnvSchema,
    ...envOptions(source),
  });
}
