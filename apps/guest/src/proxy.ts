import { pagesEnv, paymentFrameOrigins } from "@tabletap/next-server/pages-env";
import { cspProxy } from "@tabletap/next-server/security";
import { NextResponse } from "next/server";

const env = pagesEnv();

/**
 * Every page gets a Content-Security-Policy with a nonce of its own (see `cspProxy`); the bill's
 * pay sheet frames Razorpay Checkout's payment form.
 */
export const proxy = cspProxy((init) => NextResponse.next(init), {
  imageOrigin: env.S3_PUBLIC_URL,
  frameOrigins: paymentFrameOrigins(env),
});

export const config = {
  matcher: [
    {
      // Pages only: not the API, photos (/media), static files or prefetches (Next.js CSP guide).
      source: "/((?!api|media/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
