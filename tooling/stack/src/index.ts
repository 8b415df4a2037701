/**
 * The local service stack: real stand-ins for MongoDB (FerretDB), Redis, SQS (ElasticMQ) and
 * SES (aws-ses-v2-local), started only for services whose URL is not set in the environment.
 * See DESIGN.md, "Local service stack".
 */
import { join } from "node:path";
import { externalUrl, localServices, localUrl, redactUrl, stackEnv } from "./env";
import { withLock } from "./lock";
import { profileDirs } from "./paths";
import { HOST, PROFILES, type ServiceName, type StackProfile } from "./profiles";
import { killOrphan, removePidFile, spawnChild, stopChildrenOnSignals, writePidFile, type Child } from "./proc";
import { prepareDataDir } from "./data";
import { mongodb } from "./services/mongodb";
import { redis } from "./services/redis";
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
  /** Stops the processes this stack started (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
}

export interface StartStackOptions {
  profile: StackProfile;
  /** Environment to read the service URLs from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Receives progress lines (builds, installs, reuse); silent by default. */
  log?: (line: string) => void;
  /**
   * Stop started children on SIGINT/SIGTERM/SIGHUP and re-raise the signal (default true).
   * Pass false if the caller handles signals and calls `stop()` itself.
   */
  handleSignals?: boolean;
}

const SPECS: Record<ServiceName, ServiceSpec> = { mongodb, redis, sqs, ses };
const ORDER: ServiceName[] = ["mongodb", "redis", "sqs", "ses"];
/** Long enough for another process to finish a cold Go build and Maven resolve. */
const LOCK_TIMEOUT_MS = 10 * 60_000;
let signalsHandled = false;

/**
 * Starts (or reuses) a local stand-in for every service whose URL is not set in `opts.env`,
 * in parallel, and waits until each answers to a real client (Mongo ping, Redis PING, SQS
 * GetQueueUrl for the queues, SES /store). Installs and builds are cached under `.data/bin/`;
 * child logs go to `.data/<profile>/logs/<service>.log`. The `test` profile wipes the data of
 * the services it starts. Children die with this process.
 *
 * @throws Error naming each service that failed (port taken by something else, install or
 *   build failure, no answer within its timeout) with the tail of its log; whatever did start
 *   is stopped again before the error is thrown.
 */
export async function startStack(opts: StartStackOptions): Promise<RunningStack> {
  const { profile } = opts;
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const local = localServices(env);
  const dirs = profileDirs(profile);
  const children = new Map<ServiceName, Child>();
  const pidFile = (name: ServiceName) => join(dirs.run, `${name}.pid`);

  if (local.length > 0) {
    if (opts.handleSignals !== false && !signalsHandled) {
      signalsHandled = true;
      stopChildrenOnSignals();
    }
    await withLock(join(dirs.root, "stack.lock"), LOCK_TIMEOUT_MS, () => log(`waiting for another process that is starting the ${profile} stack`), async () => {
      const results = await Promise.allSettled(
        local.map(async (name) => {
          const ctx: ServiceContext = {
            profile,
            port: PROFILES[profile].ports[name],
            url: localUrl(profile, name),
            dataDir: join(dirs.root, name),
            logFile: join(dirs.logs, `${name}.log`),
            log: (line) => log(`${name}: ${line}`),
          };
          const child = await ensureService(SPECS[name], ctx, pidFile(name), PROFILES[profile].wipe);
          if (child) children.set(name, child);
        }),
      );
      const errors = results.flatMap((r) => (r.status === "rejected" ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : []));
      if (errors.length > 0) {
        await stopAll();
        throw new Error(errors.join("\n\n"));
      }
    });
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
  }

  const services: StackService[] = ORDER.map((name) => {
    if (!local.includes(name)) return { name, url: redactUrl(externalUrl(name, env)), started: false, mode: "external" };
    const started = children.has(name);
    return { name, url: localUrl(profile, name), started, mode: started ? "started" : "reused" };
  });
  let stopping: Promise<void> | undefined;
  return { env: stackEnv(profile, env, local), services, stop: () => (stopping ??= stopAll()) };
}

/**
 * Reuses the service if its port already answers correctly, otherwise prepares, starts and
 * waits for it. Returns the started child, or undefined when reused.
 */
async function ensureService(spec: ServiceSpec, ctx: ServiceContext, pidFile: string, wipe: boolean): Promise<Child | undefined> {
  if (await killOrphan(pidFile)) ctx.log("stopped a process left behind by a stack that died");
  if (await portOpen(HOST, ctx.port)) {
    if (await spec.probe(ctx)) {
      ctx.log(`reusing the one already answering at ${ctx.url}`);
      return undefined;
    }
    throw new Error(`stack: ${spec.name}: port ${ctx.port} is taken by something that does not answer like ${spec.name} (expected ${ctx.url})`);
  }
  prepareDataDir(ctx, wipe);
  const launch = await spec.prepare(ctx);
  const child = spawnChild(spec.name, launch.command, launch.args, { logFile: ctx.logFile, cwd: launch.cwd, env: launch.env });
  try {
    await waitUntilReady({ name: spec.name, check: () => spec.probe(ctx), timeoutMs: spec.startTimeoutMs, logFile: ctx.logFile, exited: child.exited });
  } catch (error) {
    await child.stop();
    throw error;
  }
  writePidFile(pidFile, { pid: child.pid, ownerPid: process.pid });
  ctx.log(`started at ${ctx.url} (pid ${child.pid})`);
  return child;
}
