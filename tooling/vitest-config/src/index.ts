/**
 * The one Vitest configuration every Tabletap package tests with, so that timeouts, the
 * "eventually" default and the machine-readable report are the same everywhere.
 *
 * - Waiting for an effect: tests use `expect.poll(fn, { message }).<matcher>` (or `vi.waitFor`
 *   inside helpers), never a fixed sleep. The poll defaults below bound every such wait: it
 *   retries every 50 ms for up to 15 s, then fails with the matcher's message — long enough for
 *   a busy 2-core machine, short enough that a real failure is reported well before the test's
 *   own timeout.
 * - Reports: when `TEST_REPORT_DIR` is set (scripts/test.sh sets it), each package also writes
 *   Vitest's JSON report to `$TEST_REPORT_DIR/vitest-<package>.json`; scripts/test-summary.mjs
 *   adds them up into the run's closing `N passed, N failed` line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";

/** Default bound of `expect.poll` (milliseconds): how long an awaited effect may take. */
export const POLL_TIMEOUT_MS = 15_000;

/** The package under test's name, from the package.json in the working directory (Vitest runs in the package). */
function packageName(cwd: string): string {
  const { name } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name?: string };
  return (name ?? "unknown").replace(/^@/, "").replace(/\//g, "-");
}

/**
 * A package's Vitest config.
 * @param opts.services true for integration tests: the local service stack (MongoDB, Redis, SQS,
 *   SES) is provided by `@tabletap/stack/vitest-setup` — this package's own database and queues
 *   on the running test stack, or a stack of its own when none is named in the environment — and
 *   test files run one at a time, as they share those services.
 */
export function defineTestConfig(opts: { services?: boolean } = {}): ViteUserConfig {
  const reportDir = process.env.TEST_REPORT_DIR;
  const reporters: NonNullable<NonNullable<ViteUserConfig["test"]>["reporters"]> = reportDir
    ? ["default", ["json", { outputFile: join(reportDir, `vitest-${packageName(process.cwd())}.json`) }]]
    : ["default"];
  return defineConfig({
    test: {
      reporters,
      expect: { poll: { timeout: POLL_TIMEOUT_MS, interval: 50 } },
      testTimeout: opts.services ? 60_000 : 10_000,
      hookTimeout: 120_000,
      ...(opts.services ? { globalSetup: ["@tabletap/stack/vitest-setup"], fileParallelism: false } : {}),
    },
  });
}
