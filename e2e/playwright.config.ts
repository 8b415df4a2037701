import { defineConfig } from "@playwright/test";
import getPort from "get-port";
import { appUrls } from "./app-urls";

/**
 * End-to-end journeys in Debian's Chromium (never a downloaded browser) against production
 * builds of both apps, each in its production server (`tabletap-next` of @tabletap/next-server:
 * ready when `/api/ready` answers, stopped with SIGTERM as in a deployment), and the real
 * worker, on the local service stack whose env the test command provides (scripts/test.sh runs
 * this under `stack --profile test`).
 */
// Free ports, picked once by the runner (its workers inherit the environment and see the same
// ones), so a second run on the same machine never collides with this one.
process.env.E2E_GUEST_PORT ??= String(await getPort({ host: "127.0.0.1" }));
process.env.E2E_DASHBOARD_PORT ??= String(await getPort({ host: "127.0.0.1" }));
const { GUEST_URL, DASHBOARD_URL } = appUrls();
// Production builds, test configuration: dev secrets and the dev SMS outbox (NODE_ENV=production
// would rightly refuse both), on the test stack whose env the test command provides; the tables'
// QR links lead to the guest app under test.
const SERVER_ENV = {
  NODE_ENV: "test",
  LOG_LEVEL: "warn",
  GUEST_APP_URL: `http://127.0.0.1:${process.env.E2E_GUEST_PORT}`,
};

export default defineConfig({
  testDir: "tests",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The JSON report feeds the test command's closing totals (scripts/test-summary.mjs).
  reporter: process.env.TEST_REPORT_DIR
    ? [["list"], ["json", { outputFile: `${process.env.TEST_REPORT_DIR}/playwright.json` }]]
    : [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: `pnpm --filter @tabletap/guest exec tabletap-next --port ${process.env.E2E_GUEST_PORT} --hostname 127.0.0.1`,
      url: `${GUEST_URL}/api/ready`,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      reuseExistingServer: false,
      timeout: 120_000,
      cwd: "..",
      env: SERVER_ENV,
    },
    {
      command: `pnpm --filter @tabletap/dashboard exec tabletap-next --port ${process.env.E2E_DASHBOARD_PORT} --hostname 127.0.0.1`,
      url: `${DASHBOARD_URL}/api/ready`,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      reuseExistingServer: false,
      timeout: 120_000,
      cwd: "..",
      env: SERVER_ENV,
    },
    {
      command: "pnpm --filter @tabletap/worker start",
      wait: { stdout: /worker started/ },
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      reuseExistingServer: false,
      timeout: 120_000,
      cwd: "..",
      // A short long poll, so the worker stops well within the shutdown timeout (it lets a
      // running long poll finish rather than cancel it: see WORKER_RECEIVE_WAIT_SECONDS).
      env: { ...SERVER_ENV, LOG_LEVEL: "info", WORKER_RECEIVE_WAIT_SECONDS: "2" },
    },
  ],
  metadata: { GUEST_URL, DASHBOARD_URL },
});
