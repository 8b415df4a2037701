import { securityHeaders } from "@tabletap/next-server/security";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The guest app is used on phones: the dev indicator would sit on top of the cart bar.
  devIndicators: false,
  // Internal packages ship TypeScript source.
  transpilePackages: [
    "@tabletap/api",
    "@tabletap/auth",
    "@tabletap/client",
    "@tabletap/core",
    "@tabletap/db",
    "@tabletap/media",
    "@tabletap/next-server",
    "@tabletap/notify",
    "@tabletap/queue",
    "@tabletap/realtime",
    "@tabletap/redis",
    "@tabletap/ui",
  ],
  serverExternalPackages: ["mongoose", "bcrypt", "ioredis", "pino", "twilio", "sqs-consumer", "sharp", "razorpay"],
  // Every response (pages, API, static files); each page also gets its nonce CSP from src/proxy.ts.
  headers: () => Promise.resolve([{ source: "/:path*", headers: securityHeaders() }]),
};

export default nextConfig;
