import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * The variables the apps' pages need in their proxy (src/proxy.ts), from `source` (default
 * `process.env`): `S3_PUBLIC_URL` (see @tabletap/media), the bucket or CDN menu photos load from,
 * whose origin the Content-Security-Policy allows images from; `RAZORPAY_CHECKOUT_URL` and
 * `RAZORPAY_API_URL` (see @tabletap/payments), for `paymentFrameOrigins`.
 * @throws Error when one is not a URL.
 */
export function pagesEnv(source: EnvSource = process.env) {
  return createEnv({
    server: {
      S3_PUBLIC_URL: z.url().optional(),
      RAZORPAY_CHECKOUT_URL: z.url().optional(),
      RAZORPAY_API_URL: z.url().optional(),
    },
    ...envOptions(source),
  });
}

/**
 * Where Razorpay Checkout's payment form is framed from, for the guest pages' CSP `frame-src`:
 * the Checkout script's host and Razorpay's API host (Checkout opens its form from
 * https://api.razorpay.com), or the local driver's origin (`RAZORPAY_API_URL`, which serves both).
 */
export function paymentFrameOrigins(env: { RAZORPAY_CHECKOUT_URL?: string; RAZORPAY_API_URL?: string }): string[] {
  return [
    env.RAZORPAY_CHECKOUT_URL ?? "https://checkout.razorpay.com",
    env.RAZORPAY_API_URL ?? "https://api.razorpay.com",
  ];
}
