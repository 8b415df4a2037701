import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { logTail } from "./wait";

/** Absolute path of `command` found on PATH (or among `fallbacks`), else undefined. */
export function findCommand(command: string, fallbacks: string[] = []): string | undefined {
  const found = spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { encoding: "utf8" });
  const path = found.status === 0 ? found.stdout.trim() : "";
  return path || fallbacks.find((candidate) => existsSync(candidate));
}

/**
 * Runs a command to completion with its output appended to `logFile`.
 * Rejects with the command line and the tail of the log if it exits non-zero.
 */
export function runLogged(
  command: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  writeFileSync(opts.logFile, `\n$ ${command} ${args.join(" ")}\n`, { flag: "a" });
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const append = (chunk: Buffer) => writeFileSync(opts.logFile, chunk, { flag: "a" });
    proc.stdout.on("data", append);
    proc.stderr.on("data", append);
    proc.once("error", reject);
    proc.once("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `stack: \`${command} ${args.join(" ")}\` failed with code ${code} (log: ${opts.logFile})\n${logTail(opts.logFile)}`,
          ),
        );
    });
  });
}

let aptQueue: Promise<unknown> = Promise.resolve();
let aptUpdated = false;

/**
 * Makes sure `command` exists, installing the Debian package `pkg` with apt-get if it does not
 * (as root, or through `sudo -n`). Installs run one at a time. Returns the command's path.
 * Throws with a hint if the command is missing and cannot be installed.
 */
export async function ensureAptCommand(
  command: string,
  pkg: string,
  logFile: string,
  log: (line: string) => void,
): Promise<string> {
  const existing = findCommand(command);
  if (existing) return existing;
  const run = async () => {
    if (findCommand(command)) return;
    if (!findCommand("apt-get"))
      throw new Error(`stack: \`${command}\` is missing and apt-get is not available; install ${pkg} yourself`);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot && !findCommand("sudo"))
      throw new Error(`stack: \`${command}\` is missing; run \`sudo apt-get install -y ${pkg}\``);
    const [cmd, pre] = asRoot ? ["apt-get", []] : ["sudo", ["-n", "apt-get"]];
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    log(`installing ${pkg} with apt-get (log: ${logFile})`);
    if (!aptUpdated) await runLogged(cmd, [...pre, "update"], { logFile, env });
    aptUpdated = true;
    await runLogged(cmd, [...pre, "install", "-y", "--no-install-recommends", pkg], { logFile, env });
  };
  const job = aptQueue.then(run, run);
  aptQueue = job.catch(() => undefined);
  await job;
  const installed = findCommand(command);
  if (!installed) throw new Error(`stack: installed ${pkg} but \`${command}\` is still not on PATH`);
  return installed;
}

/** sha256 over the given files' names and contents: the cache key of a build. */
export function hashFiles(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/**
 * Runs `build` unless `stampFile` already holds `key` and `isValid()` holds; then writes the
 * stamp. Returns true if it built.
 */
export async function cached(
  stampFile: string,
  key: string,
  isValid: () => boolean,
  build: () => Promise<void>,
): Promise<boolean> {
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
  if (stamp === key && isValid()) return false;
  await build();
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${key}\n`);
  return true;
}
