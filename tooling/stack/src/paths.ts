import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the monorepo root (this file is tooling/stack/src/paths.ts). */
export const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** Cached installs and builds shared by all profiles: `.data/bin/`. */
export const binDir = join(repoRoot, ".data", "bin");

/** Directories of one profile: `.data/<profile>/`, with `logs/` and `run/` (pid files) inside. */
export function profileDirs(profile: string): { root: string; logs: string; run: string } {
  const root = join(repoRoot, ".data", profile);
  return { root, logs: join(root, "logs"), run: join(root, "run") };
}
