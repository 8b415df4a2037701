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
    "@tabletap/notify",
    "@tabletap/queue",
    "@tabletap/realtime",
    "@tabletap/redis",
    "@tabletap/ui",
  ],
  serverExternalPackages: ["mongoose", "bcrypt", "ioredis", "pino", "twilio", "sqs-consumer"],
};

export default nextConfig;
