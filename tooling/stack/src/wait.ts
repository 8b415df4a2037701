import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { sleep } from "./proc";

/** Resolves true if a TCP connection to host:port succeeds within `timeoutMs` (default 500 ms). */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The last `lines` lines of a log file ("" if it does not exist). */
export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * Polls `check` every `intervalMs` (default 250 ms) until it resolves true.
 * Throws an Error naming `name` with the tail of `logFile` if `timeoutMs` passes first or if
 * `exited` settles first (the process died before answering).
 */
export async function waitUntilReady(opts: {
  name: string;
  check: () => Promise<boolean>;
  timeoutMs: number;
  logFile: string;
  exited?: Promise<number>;
  intervalMs?: number;
}): Promise<void> {
  let exitCode: number | undefined;
  void opts.exited?.then((code) => (exitCode = code));
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw failure(opts.name, `exited with code ${exitCode} before answering`, opts.logFile);
    if (await opts.check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw failure(opts.name, `did not answer within ${opts.timeoutMs / 1000} s`, opts.logFile);
    await sleep(opts.intervalMs ?? 250);
  }
}

function failure(name: string, what: string, logFile: string): Error {
  const tail = logTail(logFile);
  return new Error(`stack: ${name} ${what} (log: ${logFile})${tail ? `\n--- last lines of the log ---\n${tail}` : ""}`);
}
