import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { binDir } from "./paths";
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

/**
 * Resolves the runtime classpath of `pom` (a pom-packaged project under tooling/ that only
 * declares dependencies) from Maven Central into `.data/bin/<name>.classpath`, cached by the
 * pom's hash and redone if a jar went missing from ~/.m2. Installs Java and Maven with apt-get if
 * they are missing (with `jdk`, a JDK, for `javac`). Returns java's path and the classpath
 * (jars joined by `:`). Throws if Maven fails (log: `.data/bin/<name>-resolve.log`).
 */
export async function resolveMavenClasspath(opts: {
  name: string;
  pom: string;
  jdk?: boolean;
  log: (line: string) => void;
}): Promise<{ java: string; classpath: string }> {
  const { name, pom, log } = opts;
  const aptLog = join(binDir, "apt.log");
  const java = await ensureAptCommand("java", "default-jre-headless", aptLog, log);
  if (opts.jdk) await ensureAptCommand("javac", "default-jdk-headless", aptLog, log);
  const mvn = await ensureAptCommand("mvn", "maven", aptLog, log);
  const classpathFile = join(binDir, `${name}.classpath`);
  const jarsPresent = () =>
    existsSync(classpathFile) &&
    readFileSync(classpathFile, "utf8")
      .trim()
      .split(":")
      .every((jar) => existsSync(jar));
  await cached(`${classpathFile}.sha256`, hashFiles([pom]), jarsPresent, async () => {
    const logFile = join(binDir, `${name}-resolve.log`);
    const started = Date.now();
    log(`resolving ${name} from Maven Central (log: ${logFile})`);
    const tmp = `${classpathFile}.${process.pid}.tmp`;
    try {
      await runLogged(
        mvn,
        [
          "-q",
          "-B",
          "-f",
          pom,
          "dependency:build-classpath",
          `-Dmdep.outputFile=${tmp}`,
          "-Dmdep.includeScope=runtime",
        ],
        { logFile },
      );
      renameSync(tmp, classpathFile);
    } finally {
      rmSync(tmp, { force: true });
    }
    log(`resolved ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return { java, classpath: readFileSync(classpathFile, "utf8").trim() };
}
