import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the monorepo root (this file is tooling/stack/src/paths.ts). */
export const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** Cached installs and builds shared by all profiles: `.data/bin/`. */
export const binDir = join(repoRoot, ".data", "bin");

/** Where a profile keeps its runs: `.data/<profile>/`. */
export function profileRoot(profile: string): string {
  return join(repoRoot, ".data", profile);
}

/**
 * Directories of one stack: `.data/<profile>/` for a shared profile (dev), or
 * `.data/<profile>/run-<pid>/` for an isolated run (test); with `logs/` and `run/` (pid files).
 */
export function stackDirs(profile: string, runId?: string): { root: string; logs: string; run: string } {
  const root = runId ? join(profileRoot(profile), runId) : profileRoot(profile);
  return { root, logs: join(root, "logs"), run: join(root, "run") };
}
