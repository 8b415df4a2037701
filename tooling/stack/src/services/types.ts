import type { ServiceName, StackProfile } from "../profiles";

/** Everything a service needs to know about where it runs. */
export interface ServiceContext {
  profile: StackProfile;
  port: number;
  /** The URL apps use, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** `<run dir>/<service>/`: the service's own files (a test run's are deleted at stop). */
  dataDir: string;
  /** `<run dir>/logs/<service>.log`: the child's stdout and stderr. */
  logFile: string;
  /**
   * Keep what the service acknowledged across a restart of the service (see `durable` in
   * `StartStackOptions`): its data goes to files in `dataDir`, not memory only.
   */
  durable: boolean;
  log: (line: string) => void;
}

/** How to run a local stand-in. */
interface LaunchCommand {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A local stand-in for one production service. */
export interface ServiceSpec {
  name: ServiceName;
  /** How long to wait for a freshly started process to answer, in milliseconds. */
  startTimeoutMs: number;
  /** Resolves true if the service answers correctly at `ctx.url`; never rejects. */
  probe(ctx: ServiceContext): Promise<boolean>;
  /** Installs or builds what is missing (cached), writes config, and says how to run it. */
  prepare(ctx: ServiceContext): Promise<LaunchCommand>;
  /**
   * Creates what apps expect to exist once the service answers (the S3 bucket), idempotently; run
   * after a start and when a running service is reused. Rejects when that fails.
   */
  provision?(ctx: ServiceContext): Promise<void>;
}
