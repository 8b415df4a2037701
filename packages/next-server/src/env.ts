import { createEnv } from "@t3-oss/env-core";
import { envOptions, logLevelSchema, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * The web server's variables (`tabletap-next`, the server of both Next.js apps), from `source`
 * (default `process.env`; empty strings count as unset). @throws Error naming every invalid variable.
 */
export function webServerEnv(source: EnvSource = process.env) {
  return createEnv({
    server: {
      LOG_LEVEL: logLevelSchema,
      /**
       * On SIGTERM/SIGINT, how long in-flight requests may run before their connections are
       * closed, milliseconds; keep it below the orchestrator's kill deadline (e.g. Kubernetes'
       * terminationGracePeriodSeconds, 30 s by default).
       */
      SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    },
    ...envOptions(source),
  });
}

/**
 * Sets what Next.js's own CLI sets before `next dev`/`next start` and a custom server must set
 * itself: `NODE_ENV` when unset (`development` for the dev server, else `production`) and
 * `NEXT_RUNTIME=nodejs` (read by the apps' instrumentation hook).
 */
export function setNextProcessEnv(dev: boolean): void {
  process.env.NODE_ENV ||= dev ? "development" : "production";
  process.env.NEXT_RUNTIME = "nodejs";
}
