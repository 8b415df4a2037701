/**
 * Tabletap local service stack.
 *
 *   tsx tooling/stack/src/cli.ts [--profile dev|test]               start, print, stay up until Ctrl-C
 *   tsx tooling/stack/src/cli.ts [--profile dev|test] -- <cmd ...>  run cmd with the stack's env,
 *                                                                   then stop; exit with cmd's code
 */
import { spawn } from "node:child_process";
import { relative } from "node:path";
import { startStack, type RunningStack } from "./index";
import { repoRoot } from "./paths";
import { stopChildrenOnSignals } from "./proc";
import { isProfile, type StackProfile } from "./profiles";

const USAGE = "usage: stack [--profile dev|test] [-- <command> [args...]]";

/** Parses argv (without node and script). Throws on unknown flags or profiles. */
export function parseArgs(argv: string[]): { profile: StackProfile; command: string[] } {
  let profile: StackProfile = "dev";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return { profile, command: argv.slice(i + 1) };
    const value =
      arg === "--profile" ? argv[++i] : arg.startsWith("--profile=") ? arg.slice("--profile=".length) : undefined;
    if (value === undefined || !isProfile(value))
      throw new Error(arg === "--help" || arg === "-h" ? USAGE : `unknown argument ${arg} ${value ?? ""}\n${USAGE}`);
    profile = value;
  }
  return { profile, command: [] };
}

/** A table of where each service listens and whether it was started, reused or external. */
export function formatTable(stack: RunningStack, profile: StackProfile): string {
  const rows = stack.services.map((s) => [s.name, s.url, s.mode]);
  const ses = stack.services.find((s) => s.name === "ses" && s.mode !== "external");
  if (ses) rows.push(["mail viewer", `${ses.url}/`, ""]);
  const widths = [0, 1].map((col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
  const lines = rows.map((r) =>
    `  ${(r[0] ?? "").padEnd(widths[0] ?? 0)}  ${(r[1] ?? "").padEnd(widths[1] ?? 0)}  ${r[2] ?? ""}`.trimEnd(),
  );
  return [`Tabletap local stack, profile ${profile} (logs: ${relative(repoRoot, stack.logsDir)}/)`, ...lines].join(
    "\n",
  );
}

function say(line: string): void {
  process.stderr.write(`[stack] ${line}\n`);
}

async function main(): Promise<number> {
  const { profile, command } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // Until the stack is up, a signal stops whatever has started and ends this process.
  const releaseSignals = stopChildrenOnSignals();
  const stack = await startStack({ profile, log: say, handleSignals: false });
  releaseSignals();
  process.stderr.write(`${formatTable(stack, profile)}\n`);
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const code = command.length > 0 ? await runCommand(command, stack.env) : await untilSignal();
  if (stack.services.some((s) => s.started)) {
    const stopping = Date.now();
    say("stopping what this run started");
    await stack.stop();
    say(`stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  }
  return code;
}

/** Runs the command with the stack env (stdio inherited); SIGINT/SIGTERM are passed to it. */
function runCommand(command: string[], env: Record<string, string>): Promise<number> {
  const [cmd = "", ...args] = command;
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  // Ctrl-C reaches the command through the terminal's process group; forward kill(1)'s signals.
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal !== "SIGINT") child.kill(signal);
  };
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  process.on("SIGHUP", forward("SIGHUP"));
  return new Promise((resolve) => {
    child.once("error", (error) => {
      say(`cannot run ${cmd}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1)));
  });
}

/** Stays up until SIGINT, SIGTERM or SIGHUP; resolves with the conventional exit code. */
function untilSignal(): Promise<number> {
  say("up; press Ctrl-C to stop");
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return new Promise((resolve) => {
    const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
    for (const [signal, code] of Object.entries(codes)) {
      process.once(signal, () => {
        clearInterval(keepAlive);
        resolve(code);
      });
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
