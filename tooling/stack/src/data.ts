import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ServiceContext } from "./services/types";

/** Creates the service's data directory and starts a new section in its log. */
export function prepareDataDir(ctx: ServiceContext): void {
  mkdirSync(ctx.dataDir, { recursive: true });
  mkdirSync(dirname(ctx.logFile), { recursive: true });
  writeFileSync(ctx.logFile, `\n[stack] ${new Date().toISOString()} starting ${ctx.profile} ${ctx.url}\n`, {
    flag: "a",
  });
}
