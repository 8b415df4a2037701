import { securityHeaders } from "@tabletap/next-server/security";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `forbidden()` (the "Managers only" page of /admin for staff who are not managers).
  experimental: { authInterrupts: true },
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
  serverExternalPackages: ["mongoose", "bcrypt", "ioredis", "pino", "twilio", "sqs-consumer", "sharp"],
  // Every response (pages, API, static files); each page also gets its nonce CSP from src/proxy.ts.
  headers: () => Promise.resolve([{ source: "/:path*", headers: securityHeaders() }]),
};

export default nextConfig;
