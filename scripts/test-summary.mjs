#!/usr/bin/env node
/**
 * The closing lines of scripts/test.sh: adds up the JSON reports that every Vitest package run
 * (`vitest-<package>.json`, see tooling/vitest-config) and the Playwright run (`playwright.json`,
 * see e2e/playwright.config.ts) wrote to the report directory, prints one line per suite, then
 * the totals for the whole run as its last line: `N passed, N failed` (`, N skipped` when some
 * were). Exits 1 when anything failed.
 *
 * A failure outside a test (a stage such as lint that failed, a suite that crashed before it
 * could report, errors Vitest or Playwright saw outside any test) counts as one failure, so a red
 * run never ends with "0 failed".
 *
 * usage: node scripts/test-summary.mjs <report dir> <1 if the e2e tests ran, else 0> [failed stage...]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [reportDir, e2eRan, ...failedStages] = process.argv.slice(2);
if (!reportDir) throw new Error("usage: test-summary.mjs <report dir> <e2e ran: 1|0> [failed stage...]");
const root = new URL("..", import.meta.url).pathname;
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** Workspace packages whose `test` script runs Vitest, as "scope-name" (the report file's name). */
function vitestPackages() {
  return ["apps", "packages", "tooling"].flatMap((group) =>
    readdirSync(join(root, group)).flatMap((dir) => {
      const manifest = join(root, group, dir, "package.json");
      if (!existsSync(manifest)) return [];
      const { name, scripts } = readJson(manifest);
      return scripts?.test?.startsWith("vitest")
        ? [{ name, file: `vitest-${name.replace(/^@/, "").replace(/\//g, "-")}.json` }]
        : [];
    }),
  );
}

const rows = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
function add(label, passed, failed, skipped, note = "") {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  const counts = [`${passed} passed`, failed ? `${failed} failed` : "", skipped ? `${skipped} skipped` : ""]
    .filter(Boolean)
    .join(", ");
  rows.push([label, counts + (note ? `  (${note})` : "")]);
}

for (const { name, file } of vitestPackages()) {
  const path = join(reportDir, file);
  if (!existsSync(path)) {
    add(name, 0, 1, 0, "no report: the suite did not run to the end, see its output above");
    continue;
  }
  const report = readJson(path);
  const failed = report.numFailedTests;
  const outside = !report.success && failed === 0 ? 1 : 0;
  add(
    name,
    report.numPassedTests,
    failed + outside,
    report.numPendingTests + report.numTodoTests,
    outside ? "errors outside the tests, see its output above" : "",
  );
}

if (e2eRan === "1") {
  const path = join(reportDir, "playwright.json");
  if (!existsSync(path)) add("e2e (Playwright)", 0, 1, 0, "no report: the run did not finish, see its output above");
  else {
    const { stats, errors = [] } = readJson(path);
    const outside = errors.length > 0 && stats.unexpected === 0 ? 1 : 0;
    add(
      "e2e (Playwright)",
      stats.expected + stats.flaky,
      stats.unexpected + outside,
      stats.skipped,
      outside ? "errors outside the tests, see its output above" : "",
    );
  }
}

for (const stage of failedStages) {
  // The test stage's failures are already counted from the reports; count it only if they show none.
  if (stage === "tests" && totals.failed > 0) continue;
  add(stage, 0, 1, 0, "stage failed, see its output above");
}

const width = Math.max(...rows.map(([label]) => label.length));
console.log("\n› summary");
for (const [label, counts] of rows) console.log(`  ${label.padEnd(width)}  ${counts}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
