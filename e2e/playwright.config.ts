import { defineConfig } from "@playwright/test";

/**
 * End-to-end journeys in Debian's Chromium (never a downloaded browser) against production
 * builds of both apps and the real worker, on the local service stack whose env the test
 * command provides (scripts/test.sh runs this under `stack --profile test`).
 */
const GUEST_URL = "http://127.0.0.1:3100";
const DASHBOARD_URL = "http://127.0.0.1:3101";
// Production builds, test configuration: dev secrets and the dev SMS outbox (NODE_ENV=production
// would rightly refuse both), on the test stack whose env the test command provides.
const SERVER_ENV = { NODE_ENV: "test", LOG_LEVEL: "warn" };

export default defineConfig({
  testDir: "tests",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    { command: "pnpm --filter @tabletap/guest exec next start --port 3100 --hostname 127.0.0.1", url: `${GUEST_URL}/`, reuseExistingServer: false, timeout: 120_000, cwd: "..", env: SERVER_ENV },
    { command: "pnpm --filter @tabletap/dashboard exec next start --port 3101 --hostname 127.0.0.1", url: `${DASHBOARD_URL}/login`, reuseExistingServer: false, timeout: 120_000, cwd: "..", env: SERVER_ENV },
    { command: "pnpm --filter @tabletap/worker start", wait: { stdout: /worker started/ }, gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 }, reuseExistingServer: false, timeout: 120_000, cwd: "..", env: { ...SERVER_ENV, LOG_LEVEL: "info" } },
  ],
  metadata: { GUEST_URL, DASHBOARD_URL },
});
