/**
 * The processes of a scaled-out deployment, each a Node process of its own started from the
 * app's source (`node --import tsx src/main.ts`, as `pnpm start` runs it) with this process's
 * environment (the test stack's services) plus its own variables, on 127.0.0.1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import getPort from "get-port";

/** The monorepo root (this file is tooling/scale/src/processes.ts). */
const repoRoot = new URL("../../..", import.meta.url).pathname;
const HOST = "127.0.0.1";
/** How long a process may take to start (tsx compiles the sources on a busy machine), ms. */
const START_TIMEOUT_MS = 90_000;
/** How long a process may take to stop after SIGTERM before it is killed (the worker waits for its long poll), ms. */
const STOP_TIMEOUT_MS = 25_000;

/** A started process: its name, every line it wrote (stdout and stderr), and `stop`. */
export interface AppProcess {
  name: string;
  lines: string[];
  /** The JSON log entries (pino) among `lines`. */
  logs(): Record<string, unknown>[];
  /** SIGTERM, then SIGKILL after 25 s; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** A standalone API server instance (apps/api): its guest and staff endpoints. */
export interface ApiInstance extends AppProcess {
  guest: string;
  staff: string;
}

function startProcess(name: string, app: string, env: Record<string, string>): AppProcess & { child: ChildProcess } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(repoRoot, app),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on("line", (line) => lines.push(line));
  const exited = once(child, "exit");
  let stopping: Promise<void> | undefined;
  return {
    name,
    child,
    lines,
    logs: () =>
      lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

/** Resolves when `ready()` holds, polling every 100 ms. @throws Error naming the process (with its last lines) if it exits first or after 90 s. */
async function waitUntilReady(
  proc: AppProcess & { child: ChildProcess },
  ready: () => Promise<boolean> | boolean,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await proc.stop();
  throw new Error(`${proc.name} did not start:\n${proc.lines.slice(-20).join("\n")}`);
}

/**
 * Starts an API server instance (apps/api) on two free ports, behind one trusted proxy hop (the
 * test plays the load balancer and sets `X-Forwarded-For`), and resolves once it answers `/healthz`.
 */
export async function startApiInstance(name: string): Promise<ApiInstance> {
  const [guestPort, staffPort] = [await getPort({ host: HOST }), await getPort({ host: HOST })];
  const proc = startProcess(name, "apps/api", {
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    API_HOST: HOST,
    API_GUEST_PORT: String(guestPort),
    API_STAFF_PORT: String(staffPort),
    TRUST_PROXY_HOPS: "1",
  });
  const guest = `http://${HOST}:${guestPort}`;
  const staff = `http://${HOST}:${staffPort}`;
  await waitUntilReady(proc, async () => {
    try {
      return (await fetch(`${guest}/healthz`)).ok && (await fetch(`${staff}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return { ...proc, guest, staff };
}

/** Starts a worker (apps/worker) logging at `info` (its "order processed" entries), and resolves once it has started. */
export async function startWorkerProcess(name: string): Promise<AppProcess> {
  const proc = startProcess(name, "apps/worker", { NODE_ENV: "test", LOG_LEVEL: "info" });
  await waitUntilReady(proc, () => proc.logs().some((entry) => entry.msg === "worker started"));
  return proc;
}
