/**
 * The fault suite, short version (200 orders, a 10 s SQS outage; `pnpm faults` is the full
 * run): orders from many guests over real HTTP while the worker is killed mid-batch, the SQS
 * server is stopped, Redis is killed and MongoDB restarted, on a stack of its own. Prints the
 * run's figures, then asserts each rule.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FAULT_PRESETS, formatReport, runFaultSuite } from "./run";

const logsDir = fileURLToPath(new URL(`../../../.data/faults/test-${process.pid}`, import.meta.url));

describe("faults (short run)", () => {
  it("loses no order answered with success, processes each once and texts each guest once per order", async () => {
    const result = await runFaultSuite({
      ...FAULT_PRESETS.short,
      logsDir,
      log: (line) => console.log(`[faults] ${line}`),
    });
    console.log(`${formatReport(result)}\n(logs: ${join(logsDir)})`);
    const { verdict, faults } = result;

    expect(faults.map((f) => f.name)).toHaveLength(4);
    for (const fault of faults) expect(fault.ordersStarted, `orders started during "${fault.name}"`).toBeGreaterThan(0);
    expect(verdict.orders.attempted).toBe(FAULT_PRESETS.short.orders);
    expect(verdict.orders.succeeded).toBeGreaterThan(0);
    expect(verdict.orders.accepted).toBeGreaterThan(0);
    expect(verdict.orders.rejected, "orders holding the special 86'd during the SQS outage").toBeGreaterThan(0);
    expect(verdict.orders.accepted + verdict.orders.rejected).toBe(verdict.orders.stored);
    expect(verdict.sms.status).toBe(verdict.sms.expectedStatus);
    for (const [problem, cases] of Object.entries(verdict.problems)) expect(cases, problem).toEqual([]);
  }, 900_000);
});
