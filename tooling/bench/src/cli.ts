/**
 * `pnpm bench`: starts production builds of both apps and the worker on a local service stack of
 * their own, runs the scenarios against them and against bare Node servers answering with the
 * same bytes, prints markdown tables and writes them with the machine, date and commit to
 * `.data/bench/results-<timestamp>.md` (and `.json`). See the README, "Benchmarks".
 *
 *   pnpm bench [--quick] [--only menu,order-rate,...] [--no-build] [--target-rate 100] [--target-duration 60] ...
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { TableMenuView } from "@tabletap/core";
import { menuRequest, trpcData, type BenchContext, type BenchOptions, type Scenario } from "./context";
import { record } from "./load";
import { describeMachine, machineMarkdown, toMarkdown, writeResults, type Table } from "./report";
import { menuScenario } from "./scenarios/menu";
import { orderHistoryScenario } from "./scenarios/order-history";
import { orderRateScenario } from "./scenarios/order-rate";
import { orderSequentialScenario } from "./scenarios/order-sequential";
import { overloadScenario } from "./scenarios/overload";
import { roundTripsScenario } from "./scenarios/round-trips";
import { sseGuestScenario } from "./scenarios/sse-guest";
import { sseKitchenScenario } from "./scenarios/sse-kitchen";
import { signInStaff } from "./sessions";
import { repoRoot, startSystem } from "./system";

/**
 * In run order: the overload scenario doubles the rate the ramp (order-rate) sustained, and the
 * stored-order scenario comes last, as it leaves the database with the most orders.
 */
const SCENARIOS: Scenario[] = [
  roundTripsScenario,
  menuScenario,
  orderSequentialScenario,
  orderRateScenario,
  sseGuestScenario,
  sseKitchenScenario,
  overloadScenario,
  orderHistoryScenario,
];

/** The full run (10–20 minutes on 2 cores) and `--quick` (a smoke run of about 3 minutes). */
const PRESETS: Record<"full" | "quick", BenchOptions> = {
  full: {
    menuDurationS: 10,
    menuConnections: [16, 64],
    sequentialOrders: 200,
    rates: [25, 50, 100, 150, 200],
    rateStepS: 15,
    targetRate: 100,
    targetDurationS: 20,
    acceptWaitS: 120,
    history: [1_000, 100_000],
    historyOrders: 100,
    streams: [100, 500],
    sseEvents: 20,
    overloadS: 10,
  },
  quick: {
    menuDurationS: 3,
    menuConnections: [16, 64],
    sequentialOrders: 10,
    rates: [1, 2],
    rateStepS: 5,
    targetRate: 3,
    targetDurationS: 5,
    acceptWaitS: 60,
    history: [1_000, 5_000],
    historyOrders: 10,
    streams: [20, 50],
    sseEvents: 5,
    overloadS: 5,
  },
};

const USAGE = `usage: pnpm bench [options]
  --quick                  short durations and small counts (a smoke run)
  --only <names>           comma-separated scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
  --no-build               use the existing production builds instead of running turbo's build
  --via app|server         send API requests to the apps' /api/trpc (default) or to the standalone API server
  --menu-duration <s>      seconds per menu.forTable measurement
  --connections <n,...>    menu.forTable connection counts
  --orders <n>             orders of the sequential order.place measurement
  --rates <n,...>          order rates (per second) of the ramp
  --rate-step <s>          seconds per ramp step
  --target-rate <n>        order rate held after the ramp (and doubled by overload if the ramp sustained none)
  --target-duration <s>    seconds the target rate is held (60 for the issue's target)
  --accept-wait <s>        seconds to wait for the worker to accept every order
  --history <n,...>        stored-order counts to measure order.place at
  --history-orders <n>     orders placed per stored-order count
  --streams <n,...>        open SSE stream counts
  --sse-events <n>         events measured per stream count
  --overload-duration <s>  seconds of the overload burst`;

/** Parses the flags into options over the preset. @throws Error for an unknown flag, scenario or a bad number. */
function parseOptions(argv: string[]): {
  opts: BenchOptions;
  only: Scenario[];
  build: boolean;
  via: "app" | "server";
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      only: { type: "string" },
      "no-build": { type: "boolean" },
      via: { type: "string" },
      help: { type: "boolean" },
      "menu-duration": { type: "string" },
      connections: { type: "string" },
      orders: { type: "string" },
      rates: { type: "string" },
      "rate-step": { type: "string" },
      "target-rate": { type: "string" },
      "target-duration": { type: "string" },
      "accept-wait": { type: "string" },
      history: { type: "string" },
      "history-orders": { type: "string" },
      streams: { type: "string" },
      "sse-events": { type: "string" },
      "overload-duration": { type: "string" },
    },
  });
  if (values.help) throw new Error(USAGE);
  const numbers = (flag: string, value: string | undefined, fallback: number[]): number[] => {
    if (value === undefined) return fallback;
    const parsed = value.split(",").map(Number);
    if (parsed.some((n) => !Number.isFinite(n) || n <= 0))
      throw new Error(`--${flag}: positive numbers expected\n${USAGE}`);
    return parsed;
  };
  const number = (flag: string, value: string | undefined, fallback: number) =>
    numbers(flag, value, [fallback])[0] ?? fallback;
  const preset = PRESETS[values.quick ? "quick" : "full"];
  const opts: BenchOptions = {
    menuDurationS: number("menu-duration", values["menu-duration"], preset.menuDurationS),
    menuConnections: numbers("connections", values.connections, preset.menuConnections),
    sequentialOrders: number("orders", values.orders, preset.sequentialOrders),
    rates: numbers("rates", values.rates, preset.rates),
    rateStepS: number("rate-step", values["rate-step"], preset.rateStepS),
    targetRate: number("target-rate", values["target-rate"], preset.targetRate),
    targetDurationS: number("target-duration", values["target-duration"], preset.targetDurationS),
    acceptWaitS: number("accept-wait", values["accept-wait"], preset.acceptWaitS),
    history: numbers("history", values.history, preset.history),
    historyOrders: number("history-orders", values["history-orders"], preset.historyOrders),
    streams: numbers("streams", values.streams, preset.streams),
    sseEvents: number("sse-events", values["sse-events"], preset.sseEvents),
    overloadS: number("overload-duration", values["overload-duration"], preset.overloadS),
  };
  const names = values.only?.split(",") ?? SCENARIOS.map((s) => s.name);
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(", ")}\n${USAGE}`);
  const via = values.via ?? "app";
  if (via !== "app" && via !== "server") throw new Error(`bench: --via must be app or server, not ${via}`);
  return { opts, only: SCENARIOS.filter((s) => names.includes(s.name)), build: !values["no-build"], via };
}

function say(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function main(): Promise<number> {
  const { opts, only, build, via } = parseOptions(process.argv.slice(2));
  const machine = describeMachine(repoRoot);
  const system = await startSystem({ build, via, logsDir: join(repoRoot, ".data", "bench", "logs"), log: say });
  const tables: Table[] = [];
  const errors: string[] = [];
  const note = `API requests go to ${via === "server" ? "the standalone API server (apps/api)" : "the apps' /api/trpc (Next.js)"}.`;
  try {
    const table = system.demo.tables[0];
    if (!table) throw new Error("bench: the seed created no table");
    const ctx: BenchContext = {
      system,
      opts,
      staffCookie: await signInStaff(system),
      menu: trpcData<TableMenuView>((await record(system.guestUrl, menuRequest(table.code))).body.toString()),
      log: say,
    };
    process.stdout.write(`# Tabletap benchmark\n\n${machineMarkdown(machine)}\n\n${note}\n\n`);
    for (const scenario of only) {
      const started = performance.now();
      try {
        for (const result of await scenario.run(ctx)) {
          tables.push(result);
          process.stdout.write(`${toMarkdown(result)}\n`);
        }
      } catch (error) {
        const message = `${scenario.name}: ${error instanceof Error ? error.message : String(error)}`;
        errors.push(message);
        say(`scenario failed: ${message}`);
      }
      say(`${scenario.name} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    say("stopping the apps, the worker and the stack");
    await system.stop();
  }
  const file = writeResults(repoRoot, { machine, options: { ...opts, via }, tables, errors, note });
  say(`results written to ${file}`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
