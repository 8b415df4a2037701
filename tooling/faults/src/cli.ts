/**
 * `pnpm faults`: the fault suite's full run (1,000 orders; the worker killed mid-batch, the SQS
 * server stopped for 30 s, Redis killed and restarted, MongoDB restarted), on a stack of its own.
 * Prints the report, writes it to `.data/faults/<timestamp>/report.txt` beside the API server's
 * and the worker's logs, and exits 1 when a rule was broken. `--short` runs the test command's
 * size; the flags override single figures.
 *
 *   pnpm faults [--short] [--orders 1000] [--rate 8] [--sqs-down 30]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FAULT_PRESETS, formatReport, runFaultSuite } from "./run";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    orders: { type: "string" },
    rate: { type: "string" },
    "sqs-down": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log("usage: pnpm faults [--short] [--orders <n>] [--rate <orders/s>] [--sqs-down <seconds>]");
  process.exit(0);
}
const preset = FAULT_PRESETS[values.short ? "short" : "full"];
const orders = Number(values.orders ?? preset.orders);
const options = {
  ...preset,
  orders,
  // Keep about four orders per guest.
  guests: values.orders ? Math.max(preset.otpGuests, Math.ceil(orders / 4)) : preset.guests,
  ratePerS: Number(values.rate ?? preset.ratePerS),
  plan: { ...preset.plan, sqsDownS: Number(values["sqs-down"] ?? preset.plan.sqsDownS) },
};
const logsDir = join(repoRoot, ".data", "faults", new Date().toISOString().replace(/[:.]/g, "-"));
mkdirSync(logsDir, { recursive: true });
const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[faults ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

const result = await runFaultSuite({ ...options, logsDir, log });
const report = formatReport(result);
writeFileSync(join(logsDir, "report.txt"), `${report}\n`);
console.log(report);
log(`report and logs: ${relative(repoRoot, logsDir)}/`);
process.exit(Object.values(result.verdict.problems).some((list) => list.length > 0) ? 1 : 0);
