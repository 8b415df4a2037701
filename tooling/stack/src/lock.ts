import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { dirname } from "node:path";
import { isAlive, sleep } from "./proc";

/**
 * Runs `fn` while holding an exclusive lock file (containing our pid), so that two processes
 * starting a stack at once do not race for ports, installs or builds.
 * A lock whose holder has died is taken over. Throws if not acquired within `timeoutMs`.
 */
export async function withLock<T>(
  file: string,
  timeoutMs: number,
  onWait: () => void,
  fn: () => Promise<T>,
): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(readFileSafe(file));
    if (!holder || !isAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`stack: lock ${file} is still held by pid ${holder} after ${timeoutMs / 1000} s`);
    if (!announced) onWait();
    announced = true;
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

/** The file's text, or "" when it cannot be read. */
export function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
