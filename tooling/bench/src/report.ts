/**
 * Result tables: markdown for the terminal and the results file, plus JSON, with the date, the
 * machine and the git commit they were measured on.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { ClosedLoopResult } from "./load";

/** One table of a scenario's results. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (verification results, derived figures). */
  notes?: string[];
}

/** Where and when a run was measured. */
export interface Machine {
  date: string;
  commit: string;
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
}

/** The machine this process runs on, the current time (ISO 8601) and the checkout's commit. */
export function describeMachine(repoRoot: string): Machine {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot }).toString().trim();
    if (dirty) commit += " (with uncommitted changes)";
  } catch {
    // Not a git checkout.
  }
  return {
    date: new Date().toISOString(),
    commit,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

/** A number for a table cell: integers as is, others to `digits` decimals; "–" for NaN. */
export function fmt(value: number, digits = 1): string {
  if (Number.isNaN(value)) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A table as GitHub markdown, with its title as a heading and its notes below. */
export function toMarkdown(table: Table): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [
    `### ${table.title}`,
    "",
    line(table.columns),
    line(table.columns.map(() => "---")),
    ...table.rows.map(line),
    ...(table.notes?.length ? ["", ...table.notes] : []),
    "",
  ].join("\n");
}

/** The machine as a markdown paragraph. */
export function machineMarkdown(m: Machine): string {
  return `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM · Node ${m.node} · commit ${m.commit}`;
}

/**
 * Writes `.data/bench/results-<timestamp>.md` and `.json` under `repoRoot`; returns the markdown
 * file's path.
 */
export function writeResults(
  repoRoot: string,
  run: { machine: Machine; options: unknown; tables: Table[]; errors: string[]; note: string },
): string {
  const dir = join(repoRoot, ".data", "bench");
  mkdirSync(dir, { recursive: true });
  const stamp = run.machine.date.replace(/[:.]/g, "-");
  const markdown = [
    "# Tabletap benchmark",
    "",
    machineMarkdown(run.machine),
    "",
    run.note,
    "",
    ...run.tables.map(toMarkdown),
    ...(run.errors.length ? ["### Scenarios that failed", "", ...run.errors.map((e) => `- ${e}`), ""] : []),
  ].join("\n");
  const file = join(dir, `results-${stamp}.md`);
  writeFileSync(file, markdown);
  writeFileSync(join(dir, `results-${stamp}.json`), `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

/** Columns of a closed-loop comparison of the app with the bare server. */
export const COMPARISON_COLUMNS = [
  "load",
  "app req/s",
  "app p50 ms",
  "app p99 ms",
  "app failures",
  "bare req/s",
  "bare p50 ms",
  "bare p99 ms",
  "app/bare req/s",
];

/** One row of a closed-loop comparison: `label`, the app's figures, the bare server's, the throughput ratio. */
export function comparisonRow(label: string, app: ClosedLoopResult, bare: ClosedLoopResult): (string | number)[] {
  return [
    label,
    fmt(app.reqPerSec),
    fmt(app.p50),
    fmt(app.p99),
    app.failures,
    fmt(bare.reqPerSec),
    fmt(bare.p50),
    fmt(bare.p99),
    fmt(app.reqPerSec / bare.reqPerSec, 3),
  ];
}
