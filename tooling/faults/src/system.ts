/**
 * The system the fault run breaks: a durable local service stack of its own (`@tabletap/stack`,
 * profile test: free ports, throwaway data; MongoDB's file store, Redis's append-only file and
 * ElasticMQ's message store, so a restart keeps what each acknowledged), the standalone API
 * server (`apps/api`) and the worker (`apps/worker`), each a child process of its own so that a
 * fault in one leaves the others running, as in production. Everything listens on 127.0.0.1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectDb, disconnectDb } from "@tabletap/db";
import { startStack, type RunningStack } from "@tabletap/stack";
import getPort from "get-port";

/** The monorepo root (this file is tooling/faults/src/system.ts). */
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const HOST = "127.0.0.1";
/** How long the API server or the worker may take to answer after its start, in ms. */
const START_TIMEOUT_MS = 120_000;
/** Service URLs that would make the stack use services of another run instead of starting its own. */
const SERVICE_URLS = ["MONGODB_URI", "REDIS_URL", "SQS_ENDPOINT", "SES_ENDPOINT", "AWS_REGION"] as const;

/** A Node app of the monorepo run as a child process (`tsx src/main.ts` in its directory). */
interface AppProcess {
  /** Starts it (again); resolves once it is ready. @throws Error if it exits first or after 120 s. */
  start(): Promise<void>;
  /** SIGKILL to its process group (`kill -9`: a crash); resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM to its process group (SIGKILL after 10 s); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface FaultSystem {
  stack: RunningStack;
  /** The environment the API server and the worker run with (the stack's URLs, NODE_ENV=test). */
  env: Record<string, string>;
  /** The API server's guest and staff base URLs (`/api/trpc` is served under each). */
  api: { guest: string; staff: string };
  apiServer: AppProcess;
  worker: AppProcess;
  logsDir: string;
  /** Stops the worker, the API server and the stack, in that order. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the stack (durable, free ports), connects this process to its MongoDB (for seeding and
 * the checks), then the API server and the worker, and waits until both answer.
 * @throws Error when a service or process does not start (with where its log is).
 */
export async function startFaultSystem(opts: { logsDir: string; log: (line: string) => void }): Promise<FaultSystem> {
  const { log, logsDir } = opts;
  mkdirSync(logsDir, { recursive: true });
  // A stack of its own even when the environment names one (the test command's): its services get killed.
  const stackInput: NodeJS.ProcessEnv = { ...process.env };
  for (const key of SERVICE_URLS) delete stackInput[key];
  const stack = await startStack({
    profile: "test",
    env: stackInput,
    durable: true,
    handleSignals: false,
    log: (line) => log(`stack: ${line}`),
  });
  const children: AppProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const child of children.reverse()) await child.stop();
      await disconnectDb();
      await stack.stop();
    })());
  try {
    const [guestPort, staffPort] = [await getPort({ host: HOST }), await getPort({ host: HOST })];
    const api = { guest: `http://${HOST}:${guestPort}`, staff: `http://${HOST}:${staffPort}` };
    const env: Record<string, string> = { ...stack.env, NODE_ENV: "test", LOG_LEVEL: "warn" };
    await connectDb(env.MONGODB_URI ?? "");
    const apiServer = appProcess({
      name: "api",
      dir: "apps/api",
      env: { ...env, API_HOST: HOST, API_GUEST_PORT: String(guestPort), API_STAFF_PORT: String(staffPort) },
      logsDir,
      ready: () => httpAnswers(`${api.guest}/healthz`),
    });
    children.push(apiServer);
    const worker = appProcess({
      name: "worker",
      dir: "apps/worker",
      // Its production settings (relay every 5 s, full sweep every 10 minutes): the run must settle without help.
      env: { ...env, LOG_LEVEL: "info" },
      logsDir,
      ready: (output) => output.includes('"msg":"worker started"'),
    });
    children.push(worker);
    log("starting the API server and the worker");
    await Promise.all([apiServer.start(), worker.start()]);
    return { stack, env, api, apiServer, worker, logsDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves true when `url` answers 200 within 2 s. */
async function httpAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * A monorepo app started with tsx in its own process group, its stdout and stderr appended to
 * `<logsDir>/<name>.log` across restarts. Ready when `ready` says so: checked against the
 * output so far on every chunk and, for `ready` functions returning a promise, every 250 ms.
 */
function appProcess(opts: {
  name: string;
  dir: string;
  env: Record<string, string>;
  logsDir: string;
  ready: (output: string) => boolean | Promise<boolean>;
}): AppProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let logFile: WriteStream | undefined;
  const signal = (sig: NodeJS.Signals) => {
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
    return true;
  };
  return {
    async start() {
      logFile ??= createWriteStream(join(opts.logsDir, `${opts.name}.log`), { flags: "a" });
      logFile.write(`\n[faults] ${new Date().toISOString()} starting ${opts.name}\n`);
      const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: join(repoRoot, opts.dir),
        env: { ...process.env, ...opts.env },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = proc;
      exited = new Promise((resolve) => proc.once("exit", () => resolve()));
      let output = "";
      let ready = false;
      const file = logFile;
      proc.stdout?.on("data", (chunk: Buffer) => {
        file.write(chunk);
        if (!ready) output += chunk.toString();
      });
      proc.stderr?.on("data", (chunk: Buffer) => file.write(chunk));
      const deadline = Date.now() + START_TIMEOUT_MS;
      let exitedEarly = false;
      void exited.then(() => (exitedEarly = true));
      while (!(ready = await opts.ready(output))) {
        if (exitedEarly) throw new Error(`faults: the ${opts.name} exited before it was ready (log: ${opts.logsDir})`);
        if (Date.now() > deadline)
          throw new Error(
            `faults: the ${opts.name} was not ready within ${START_TIMEOUT_MS / 1000} s (log: ${opts.logsDir})`,
          );
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      output = "";
    },
    async kill() {
      if (signal("SIGKILL")) await exited;
    },
    async stop() {
      if (signal("SIGTERM")) {
        const timer = setTimeout(() => signal("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      logFile?.end();
      logFile = undefined;
    },
  };
}
