import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A service process started by the stack, in its own process group. */
export interface Child {
  name: string;
  pid: number;
  logFile: string;
  /** Settles with the exit code (or 128 + signal number) once the process has exited. */
  exited: Promise<number>;
  /** SIGTERM to the process group, SIGKILL after `graceMs` (default 5000 ms). Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /**
   * SIGKILL to the process group at once, as `kill -9` (a crash: nothing is flushed or shut down
   * cleanly); resolves once the process has exited. Idempotent, like `stop`, with which it shares
   * one ending.
   */
  kill(): Promise<void>;
}

const live = new Set<Child>();
let exitHookInstalled = false;

/** True when a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `command` detached in a new process group, stdout and stderr appended to `logFile`.
 * The child does not keep the parent alive; it is sent SIGTERM when the parent exits.
 */
export function spawnChild(
  name: string,
  command: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): Child {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, "a");
  const proc = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  proc.unref();

  const exited = new Promise<number>((resolve) => {
    proc.once("error", (error) => {
      writeFileSync(opts.logFile, `\n[stack] failed to start ${command}: ${error.message}\n`, { flag: "a" });
      resolve(127);
    });
    proc.once("exit", (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
  let stopping: Promise<void> | undefined;
  /** Sends `first` to the group (SIGKILL after `graceMs` unless it was SIGKILL) and waits for the exit. */
  const end = (first: NodeJS.Signals, graceMs: number) =>
    (stopping ??= (async () => {
      // The child was unref'd so it never keeps the stack alive; while stopping it must, or
      // this process could exit before the child's exit is seen (and lose its own exit code).
      proc.ref();
      if (child.pid > 0) {
        signalGroup(child.pid, first);
        const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
        signalGroup(child.pid, "SIGKILL"); // stragglers in the group
      }
      live.delete(child);
    })());
  const child: Child = {
    name,
    pid: proc.pid ?? -1,
    logFile: opts.logFile,
    exited,
    stop: (graceMs = 5000) => end("SIGTERM", graceMs),
    kill: () => end("SIGKILL", 0),
  };
  void exited.then(() => live.delete(child));
  live.add(child);
  installExitHook();
  return child;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 0;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: the children get SIGTERM and shut down on their own.
  process.on("exit", () => {
    for (const child of live) signalGroup(child.pid, "SIGTERM");
  });
}

/** Stops every child this process started. */
async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((child) => child.stop()));
}

/**
 * Stops children on SIGINT, SIGTERM and SIGHUP, then re-raises the signal so the process ends
 * as it would have, unless the host registered its own handler for it (then that one decides).
 * Returns a function that removes these handlers again.
 */
export function stopChildrenOnSignals(): () => void {
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    const handler = () => {
      void stopAllChildren().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}

/** Pid file of a started service: who runs it, and which process started it. */
export interface PidRecord {
  pid: number;
  ownerPid: number;
}

export function writePidFile(file: string, record: PidRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record));
}

function readPidFile(file: string): PidRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PidRecord;
  } catch {
    return undefined;
  }
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Kills a service left behind by a stack process that died without cleaning up (for example
 * after SIGKILL): its pid file names a live process whose owner is gone. Returns true if so.
 */
export async function killOrphan(file: string): Promise<boolean> {
  const record = readPidFile(file);
  if (!record) return false;
  if (!isAlive(record.pid) || isAlive(record.ownerPid)) return false;
  signalGroup(record.pid, "SIGTERM");
  for (let i = 0; i < 50 && isAlive(record.pid); i++) await sleep(100);
  signalGroup(record.pid, "SIGKILL");
  removePidFile(file);
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
