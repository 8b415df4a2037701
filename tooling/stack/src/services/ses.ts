import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { HOST } from "../profiles";
import type { ServiceSpec } from "./types";

const require = createRequire(import.meta.url);

/** Path of the aws-ses-v2-local CLI script inside node_modules. */
function sesCli(): string {
  const manifest = require.resolve("aws-ses-v2-local/package.json");
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin["aws-ses-v2-local"] ?? "dist/cli.js");
}

/** SES: aws-ses-v2-local from npm (mail viewer at the root URL, JSON at /store), in memory. */
export const ses: ServiceSpec = {
  name: "ses",
  startTimeoutMs: 20_000,
  async probe({ url }) {
    try {
      const res = await fetch(`${url}/store`, { signal: AbortSignal.timeout(1500) });
      const body = (await res.json()) as { emails?: unknown };
      return res.ok && Array.isArray(body.emails);
    } catch {
      return false;
    }
  },
  prepare({ port }) {
    // Same Node as the stack (Node 22 from the root devDependency when run through pnpm).
    return Promise.resolve({ command: process.execPath, args: [sesCli(), "--host", HOST, "--port", String(port)] });
  },
};
