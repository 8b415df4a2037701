/**
 * The local service stack: real stand-ins for MongoDB (mongo-java-server, or FerretDB with
 * `LOCAL_MONGODB=ferretdb`), Redis, SQS (ElasticMQ), SES (aws-ses-v2-local), S3 (versitygw) and
 * Razorpay (tooling/razorpay-local), started only for services whose URL is not set in the environment.
 * See DESIGN.md, "Local service stack".
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import getPort from "get-port";
import { externalUrl, localServices, localUrl, redactUrl, stackEnv } from "./env";
import { readFileSafe, withLock } from "./lock";
import { profileRoot, repoRoot, stackDirs } from "./paths";
import { HOST, PROFILES, type ServiceName, type StackProfile } from "./profiles";
import {
  isAlive,
  killOrphan,
  removePidFile,
  spawnChild,
  stopChildrenOnSignals,
  writePidFile,
  type Child,
} from "./proc";
import { prepareDataDir } from "./data";
import { mongodbService } from "./services/mongodb";
import { razorpayService } from "./services/razorpay";
import { redis } from "./services/redis";
import { s3 } from "./services/s3";
import { ses } from "./services/ses";
import { sqs } from "./services/sqs";
import type { ServiceContext, ServiceSpec } from "./services/types";
import { portOpen, waitUntilReady } from "./wait";

export type { ServiceName, StackProfile } from "./profiles";
export { PROFILES } from "./profiles";

/** One service of a running stack. */
export interface StackService {
  name: ServiceName;
  /** Where apps reach it (passwords redacted). */
  url: string;
  /** True if this stack started the process (and `stop()` will stop it). */
  started: boolean;
  /** `started` by us, `reused` (a local one already answered on the port), or `external` (its URL was set). */
  mode: "started" | "reused" | "external";
}

export interface RunningStack {
  /** Variables apps need (MONGODB_URI, REDIS_URL, SQS_ENDPOINT, ...): merge into their environment. */
  env: Record<string, string>;
  services: StackService[];
  /** Where the started services write their logs. */
  logsDir: string;
  /**
   * Stops one service this stack started, keeping its port and its data directory for
   * `startService` (an outage, for fault tests): SIGTERM (a clean shutdown, SIGKILL after 5 s),
   * or with `signal: "SIGKILL"` a crash. Resolves once the process has exited; does nothing if
   * the service is already stopped.
   * @throws Error when this stack did not start the service (reused or external).
   */
  stopService(name: ServiceName, opts?: { signal?: "SIGTERM" | "SIGKILL" }): Promise<void>;
  /**
   * Starts a service stopped with `stopService` again, on the same port with the same data
   * directory, and waits until it answers (as `startStack` does). What it keeps depends on
   * `durable`. Does nothing if the service is running.
   * @throws Error when this stack did not start the service, or it does not answer in time
   *   (with the tail of its log).
   */
  startService(name: ServiceName): Promise<void>;
  /**
   * Stops the processes this stack started (SIGTERM, then SIGKILL after 5 s); an isolated (test)
   * run also deletes its services' data, keeping only its logs until the next run. Idempotent.
   */
  stop(): Promise<void>;
}

export interface StartStackOptions {
  profile: StackProfile;
  /**
   * Environment to read the service URLs from, and `LOCAL_MONGODB` / `LOCAL_MONGODB_STORE` (which
   * MongoDB stand-in to start, see README); defaults to `process.env`.
   */
  env?: NodeJS.ProcessEnv;
  /** Receives progress lines (builds, installs, reuse); silent by default. */
  log?: (line: string) => void;
  /**
   * Stop started children on SIGINT/SIGTERM/SIGHUP and re-raise the signal (default true).
   * Pass false if the caller handles signals and calls `stop()` itself.
   */
  handleSignals?: boolean;
  /**
   * Every started service keeps what it acknowledged across a restart (`stopService` then
   * `startService`): Redis in its append-only file, fsynced on every write, and ElasticMQ's
   * messages in an H2 file written at every change, both even after SIGKILL (queues created at
   * run time are not kept: only `orders` and `orders-dlq`, which ElasticMQ's config defines);
   * mongo-java-server in its file store (an error with `LOCAL_MONGODB_STORE=memory`), which is
   * saved about once a second and at a clean stop, so only a SIGTERM stop keeps every write.
   * Default false. A test profile's data is still deleted at `stop()`.
   */
  durable?: boolean;
}

const ORDER: ServiceName[] = ["mongodb", "redis", "sqs", "ses", "s3", "razorpay"];
/** Names the process that owns an isolated stack's run directory. */
const OWNER_FILE = "owner.pid";
/** Long enough for another process to finish a cold Go build and Maven resolve. */
const LOCK_TIMEOUT_MS = 10 * 60_000;
let signalsHandled = false;

/**
 * Starts a local stand-in for every service whose URL is not set in `opts.env`, in parallel,
 * and waits until each answers to a real client (Mongo ping, Redis PING, SQS GetQueueUrl for
 * the queues, SES /store, an S3 answer, the local Razorpay's health; then the S3 bucket is
 * created and the local Razorpay's default account gets its webhook URL). The dev profile uses fixed ports and reuses a service already
 * answering there; the test profile is a run of its own on free ports, in
 * `.data/test/run-<pid>-<id>/` (runs left behind by a process that died are swept first).
 * Installs and builds are cached under `.data/bin/`; child logs go to `<run dir>/logs/`.
 * Children die with this process.
 *
 * @throws Error if `LOCAL_MONGODB` or `LOCAL_MONGODB_STORE` holds an unknown value.
 * @throws Error naming each service that failed (port taken by something else, install or
 *   build failure, no answer within its timeout) with the tail of its log; whatever did start
 *   is stopped again before the error is thrown.
 */
export async function startStack(opts: StartStackOptions): Promise<RunningStack> {
  const { profile } = opts;
  const config = PROFILES[profile];
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const local = localServices(env);
  const durable = opts.durable ?? false;
  const specs: Record<ServiceName, ServiceSpec> = {
    mongodb: mongodbService(env, profile, durable),
    redis,
    sqs,
    ses,
    s3,
    razorpay: razorpayService(env),
  };
  const dirs = stackDirs(profile, config.isolated ? `run-${process.pid}-${randomBytes(3).toString("hex")}` : undefined);
  const children = new Map<ServiceName, Child>();
  /** Where each service this stack started runs (kept for `startService`). */
  const contexts = new Map<ServiceName, ServiceContext>();
  const urls: Partial<Record<ServiceName, string>> = {};
  const pidFile = (name: ServiceName) => join(dirs.run, `${name}.pid`);

  if (local.length > 0) {
    if (opts.handleSignals !== false && !signalsHandled) {
      signalsHandled = true;
      stopChildrenOnSignals();
    }
    // One start at a time per checkout: installs and builds are shared, and dev ports are fixed.
    await withLock(
      join(repoRoot, ".data", "stack.lock"),
      LOCK_TIMEOUT_MS,
      () => log("waiting for another process that is starting a stack"),
      async () => {
        if (config.isolated) await sweepDeadRuns(profile, log);
        mkdirSync(dirs.root, { recursive: true });
        if (config.isolated) writeFileSync(join(dirs.root, OWNER_FILE), String(process.pid));
        const ports = await portsFor(profile, local);
        const results = await Promise.allSettled(
          local.map(async (name) => {
            const port = ports[name];
            const ctx: ServiceContext = {
              profile,
              port,
              url: localUrl(name, port, config.database),
              dataDir: join(dirs.root, name),
              logFile: join(dirs.logs, `${name}.log`),
              durable,
              log: (line) => log(`${name}: ${line}`),
            };
            urls[name] = ctx.url;
            const child = await ensureService(specs[name], ctx, pidFile(name), { reuse: !config.isolated });
            if (child) {
              children.set(name, child);
              contexts.set(name, ctx);
            }
          }),
        );
        const errors = results.flatMap((r) =>
          r.status === "rejected" ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : [],
        );
        if (errors.length > 0) {
          await stopAll();
          throw new Error(errors.join("\n\n"));
        }
      },
    );
  }

  async function stopAll(): Promise<void> {
    await Promise.all(
      [...children].map(async ([name, child]) => {
        const started = Date.now();
        await child.stop();
        removePidFile(pidFile(name));
        log(`${name}: stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }),
    );
    if (config.isolated) for (const name of local) rmSync(join(dirs.root, name), { recursive: true, force: true });
  }

  /** The context of a service this stack started. @throws Error for one it did not start. */
  function startedContext(name: ServiceName): ServiceContext {
    const ctx = contexts.get(name);
    if (!ctx) throw new Error(`stack: ${name} was not started by this stack, so it can't be stopped or started`);
    return ctx;
  }

  async function stopService(name: ServiceName, { signal = "SIGTERM" }: { signal?: "SIGTERM" | "SIGKILL" } = {}) {
    const ctx = startedContext(name);
    const child = children.get(name);
    if (!child) return;
    await (signal === "SIGKILL" ? child.kill() : child.stop());
    children.delete(name);
    removePidFile(pidFile(name));
    ctx.log(`stopped (${signal}); port ${ctx.port} and data kept`);
  }

  async function startService(name: ServiceName) {
    const ctx = startedContext(name);
    if (children.has(name)) return;
    const child = await ensureService(specs[name], ctx, pidFile(name), { reuse: false });
    if (child) children.set(name, child);
  }

  const services: StackService[] = ORDER.map((name) => {
    const url = urls[name];
    if (!url) return { name, url: redactUrl(externalUrl(name, env)), started: false, mode: "external" };
    const started = contexts.has(name);
    return { name, url, started, mode: started ? "started" : "reused" };
  });
  let stopping: Promise<void> | undefined;
  return {
    env: stackEnv(env, urls),
    services,
    logsDir: dirs.logs,
    stopService,
    startService,
    stop: () => (stopping ??= stopAll()),
  };
}

/** The ports of the profile's services: its fixed ones, or free ones on 127.0.0.1 for the test profile. */
async function portsFor(profile: StackProfile, names: ServiceName[]): Promise<Record<ServiceName, number>> {
  const fixed = PROFILES[profile].ports;
  if (fixed !== "free") return fixed;
  const ports: Partial<Record<ServiceName, number>> = {};
  // get-port keeps the ports it handed out reserved for this process, so they differ.
  for (const name of names) ports[name] = await getPort({ host: HOST });
  return ports as Record<ServiceName, number>;
}

/**
 * Removes the run directories of isolated stacks whose owning process is gone (killed before it
 * could clean up), after stopping any service such a run left running.
 */
async function sweepDeadRuns(profile: StackProfile, log: (line: string) => void): Promise<void> {
  const root = profileRoot(profile);
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const dir = join(root, entry);
    if (!entry.startsWith("run-")) continue;
    const owner = Number(readFileSafe(join(dir, OWNER_FILE)));
    if (owner && isAlive(owner)) continue;
    const pidDir = join(dir, "run");
    for (const file of existsSync(pidDir) ? readdirSync(pidDir) : []) {
      if (await killOrphan(join(pidDir, file)))
        log(`stopped ${file.replace(/\.pid$/, "")} left behind by a test stack that died`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the service and waits for it; with `reuse` (dev), a service already answering on its
 * port is reused instead. Returns the started child, or undefined when reused.
 */
async function ensureService(
  spec: ServiceSpec,
  ctx: ServiceContext,
  pidFile: string,
  opts: { reuse: boolean },
): Promise<Child | undefined> {
  if (await killOrphan(pidFile)) ctx.log("stopped a process left behind by a stack that died");
  if (await portOpen(HOST, ctx.port)) {
    if (opts.reuse && (await spec.probe(ctx))) {
      ctx.log(`reusing the one already answering at ${ctx.url}`);
      await spec.provision?.(ctx);
      return undefined;
    }
    throw new Error(
      `stack: ${spec.name}: port ${ctx.port} is taken by something that does not answer like ${spec.name} (expected ${ctx.url})`,
    );
  }
  prepareDataDir(ctx);
  const launch = await spec.prepare(ctx);
  const child = spawnChild(spec.name, launch.command, launch.args, {
    logFile: ctx.logFile,
    cwd: launch.cwd,
    env: launch.env,
  });
  try {
    await waitUntilReady({
      name: spec.name,
      check: () => spec.probe(ctx),
      timeoutMs: spec.startTimeoutMs,
      logFile: ctx.logFile,
      exited: child.exited,
    });
    await spec.provision?.(ctx);
  } catch (error) {
    await child.stop();
    throw error;
  }
  writePidFile(pidFile, { pid: child.pid, ownerPid: process.pid });
  ctx.log(`started at ${ctx.url} (pid ${child.pid})`);
  return child;
}
