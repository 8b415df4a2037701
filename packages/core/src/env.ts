import { z } from "zod";

/**
 * The variables every process reads from (`process.env` or a test's object), keyed by name.
 * Values are strings or absent.
 */
export type EnvSource = Record<string, string | undefined>;

/** `NODE_ENV`: production turns on the checks that refuse dev secrets; unset means development. */
export const nodeEnvSchema = z.enum(["development", "test", "production"]).default("development");

/** `LOG_LEVEL`: a pino level; unset means `info`. */
export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

/** The guest app's origin outside production when `GUEST_APP_URL` is unset: the dev server (`pnpm dev`). */
const DEV_GUEST_APP_URL = "http://127.0.0.1:3000";

/**
 * `GUEST_APP_URL`: the guest app's public origin (http or https, e.g. "https://order.example.com"),
 * the base of every table's QR link (`${GUEST_APP_URL}/t/{code}`) and of the receipt links the
 * worker texts (`${GUEST_APP_URL}/receipts/{token}`); a trailing slash is dropped.
 * Defaults to the dev server outside production; required in production, where a wrong default
 * would print QR codes that lead nowhere.
 */
export function guestAppUrlSchema(source: EnvSource) {
  const url = z.url({
    protocol: /^https?$/,
    error: "must be the guest app's http(s) URL, e.g. https://order.example.com",
  });
  const base = source.NODE_ENV === "production" ? url : url.default(DEV_GUEST_APP_URL);
  return base.transform((value) => value.replace(/\/+$/, ""));
}

/** One validation problem as `@t3-oss/env-core` reports it (a Standard Schema issue). */
interface EnvIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/**
 * The options every package passes to `@t3-oss/env-core`'s `createEnv` along with its `server`
 * schema: validate a copy of `source` (env-core deletes empty strings from the object it gets),
 * treat an empty string (as `.env` files leave unset variables) as unset, and on failure throw
 * an Error that names every invalid variable (`Invalid environment:` then `NAME: problem` per
 * line), so a process refuses to start with a bad configuration, e.g. a default secret in
 * production.
 */
export function envOptions(source: EnvSource) {
  return {
    runtimeEnv: { ...source },
    emptyStringAsUndefined: true,
    onValidationError(issues: readonly EnvIssue[]): never {
      const lines = issues.map((issue) => {
        const path = (issue.path ?? [])
          .map((segment) => String(typeof segment === "object" ? segment.key : segment))
          .join(".");
        return `${path}: ${issue.message}`;
      });
      throw new Error(`Invalid environment:\n  ${lines.join("\n  ")}`);
    },
  };
}
