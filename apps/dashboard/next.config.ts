import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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
