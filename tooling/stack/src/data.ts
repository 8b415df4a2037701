import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ServiceContext } from "./services/types";

/**
 * Creates the service's data directory and starts a new section in its log; with `wipe`
 * (the test profile) the directory and the log are deleted first so every run starts clean.
 */
export function prepareDataDir(ctx: ServiceContext, wipe: boolean): void {
  if (wipe) {
    rmSync(ctx.dataDir, { recursive: true, force: true });
    rmSync(ctx.logFile, { force: true });
  }
  mkdirSync(ctx.dataDir, { recursive: true });
  mkdirSync(dirname(ctx.logFile), { recursive: true });
  writeFileSync(ctx.logFile, `\n[stack] ${new Date().toISOString()} starting ${ctx.profile} ${ctx.url}\n`, { flag: "a" });
}
