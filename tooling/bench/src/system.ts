/**
 * The system under test: production builds of the guest app and the dashboard (in their own server, `tabletap-next`) and
 * the worker, on a local service stack of their own (`@tabletap/stack`, profile `test`: free
 * ports, throwaway data), with the demo restaurant seeded. Everything listens on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connectDb, disconnectDb } from "@tabletap/db";
import { seedDemo, type DemoSeedResult } from "@tabletap/db/seed";
import { startStack, type RunningStack } from "@tabletap/stack";
import getPort from "get-port";

/** The monorepo root (this file is tooling/bench/src/system.ts). */
export const repoRoot = new URL("../../..", import.meta.url).pathname;

const HOST = "127.0.0.1";
/** How long an app or the worker may take to answer after its start, in ms. */
const START_TIMEOUT_MS = 120_000;

export interface System {
  guestUrl: string;
  dashboardUrl: string;
  /** The standalone API server's guest port (`apps/api`: the same API without Next.js in the path). */
  apiGuestUrl: string;
  /**
   * Where the scenarios send API requests (`/api/trpc`) per audience: the apps themselves
   * (`--via app`, the default) or the standalone API server's ports (`--via server`), as a load
   * balancer would.
   */
  api: { guest: string; staff: string };
  /** The environment the apps and the worker run with (the stack's URLs, NODE_ENV=test). */
  env: Record<string, string>;
  demo: DemoSeedResult;
  /** Resident memory (MB) of each app's and the worker's processes now (Linux; NaN elsewhere). */
  memoryMb: Record<"guest" | "dashboard" | "worker", () => number>;
  /** Where the apps', the worker's and the stack's logs go. */
  logsDir: string;
  /** Stops the apps, the worker and the stack (in that order). Idempotent. */
  stop(): Promise<void>;
}

/**
 * Builds both apps with turbo (a cache hit when nothing changed) unless `build` is false, starts
 * the stack, seeds the demo data (this process stays connected to the database, for the
 * scenarios' own reads and writes), and starts the two apps and the worker.
 * @throws Error when the build fails or a process does not answer within 120 s (with its log path).
 */
export async function startSystem(opts: {
  build: boolean;
  via: "app" | "server";
  logsDir: string;
  log: (line: string) => void;
}): Promise<System> {
  const { log, logsDir } = opts;
  mkdirSync(logsDir, { recursive: true });
  if (opts.build) {
    log("building the apps (turbo run build)");
    const build = spawnSync(
      "pnpm",
      [
        "exec",
        "turbo",
        "run",
        "build",
        "--filter=@tabletap/guest",
        "--filter=@tabletap/dashboard",
        "--output-logs=errors-only",
      ],
      { cwd: repoRoot, stdio: "inherit" },
    );
    if (build.status !== 0) throw new Error("bench: building the apps failed");
  } else if (!existsSync(join(repoRoot, "apps/guest/.next/BUILD_ID"))) {
    throw new Error("bench: --no-build, but apps/guest has no production build (run pnpm build)");
  }

  log("starting the local service stack (profile test)");
  // Signals stop the whole system (the apps run in process groups of their own, which Ctrl-C misses).
  // MongoDB keeps its data in a file, as in dev: the memory store holds every document on the heap.
  const stack: RunningStack = await startStack({
    profile: "test",
    env: { LOCAL_MONGODB_STORE: "file", ...process.env },
    log: (line) => log(`stack: ${line}`),
    handleSignals: false,
  });
  const children: ChildProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(children.map(stopProcess));
      await disconnectDb();
      await stack.stop();
    })());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stop().finally(() => process.exit(130));
    });
  }
  try {
    const env: Record<string, string> = { ...stack.env, NODE_ENV: "test", LOG_LEVEL: "warn" };
    const mongoUri = env.MONGODB_URI;
    if (!mongoUri) throw new Error("bench: the stack gave no MONGODB_URI");
    await connectDb(mongoUri);
    const demo = await seedDemo();
    const [guestPort, dashboardPort, apiGuestPort, apiStaffPort] = [
      await getPort({ host: HOST }),
      await getPort({ host: HOST }),
      await getPort({ host: HOST }),
      await getPort({ host: HOST }),
    ];
    const guestUrl = `http://${HOST}:${guestPort}`;
    const dashboardUrl = `http://${HOST}:${dashboardPort}`;
    const apiGuestUrl = `http://${HOST}:${apiGuestPort}`;
    const api =
      opts.via === "server"
        ? { guest: apiGuestUrl, staff: `http://${HOST}:${apiStaffPort}` }
        : { guest: guestUrl, staff: dashboardUrl };
    const start = (name: string, args: string[], extraEnv: Record<string, string> = {}) => {
      const child = spawn("pnpm", args, {
        cwd: repoRoot,
        env: { ...process.env, ...env, ...extraEnv },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const file = createWriteStream(join(logsDir, `${name}.log`));
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
      children.push(child);
      return child;
    };
    const nextStart = (app: string, port: number) => [
      "--filter",
      `@tabletap/${app}`,
      "exec",
      "tabletap-next",
      "--port",
      String(port),
      "--hostname",
      HOST,
    ];
    log("starting the guest app, the dashboard, the standalone API server and the worker");
    const guest = start("guest", nextStart("guest", guestPort));
    start("api", ["--filter", "@tabletap/api-server", "start"], {
      API_HOST: HOST,
      API_GUEST_PORT: String(apiGuestPort),
      API_STAFF_PORT: String(apiStaffPort),
    });
    const dashboard = start("dashboard", nextStart("dashboard", dashboardPort));
    const worker = start("worker", ["--filter", "@tabletap/worker", "start"], { LOG_LEVEL: "info" });
    await Promise.all([
      waitForHttp(`${guestUrl}/`, "guest app", logsDir),
      waitForHttp(`${dashboardUrl}/login`, "dashboard", logsDir),
      waitForHttp(`${apiGuestUrl}/healthz`, "API server", logsDir),
      waitForOutput(worker, /worker started/, "worker", logsDir),
    ]);
    const memoryMb = {
      guest: () => groupRssMb(guest.pid),
      dashboard: () => groupRssMb(dashboard.pid),
      worker: () => groupRssMb(worker.pid),
    };
    return { guestUrl, dashboardUrl, apiGuestUrl, api, env, demo, memoryMb, logsDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `url` every 250 ms until it answers below 500. @throws Error after 120 s. */
async function waitForHttp(url: string, name: string, logsDir: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`bench: the ${name} did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s (log: ${logsDir})`);
}

/** Resolves when the child's stdout matches `pattern`. @throws Error if it exits first or after 120 s. */
function waitForOutput(child: ChildProcess, pattern: RegExp, name: string, logsDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bench: the ${name} did not start within ${START_TIMEOUT_MS / 1000} s (log: ${logsDir})`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      if (!pattern.test(chunk.toString())) return;
      clearTimeout(timer);
      resolve();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: the ${name} exited with code ${code} (log: ${logsDir})`));
    });
  });
}

/**
 * The resident memory (MB) of every process in process group `pgid` (a started child and what
 * it spawned: pnpm, then next-server or tsx), from Linux's /proc; NaN without /proc or a pgid.
 */
function groupRssMb(pgid: number | undefined): number {
  if (pgid === undefined || !existsSync("/proc/self/stat")) return Number.NaN;
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // After the command's closing parenthesis: state, ppid, pgrp, ...
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kb / 1024;
}

/** SIGTERM to the child's process group, SIGKILL after 10 s; resolves when it has exited. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-pid, "SIGTERM");
  const timer = setTimeout(() => process.kill(-pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
