import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * How to run the driver as a process of its own (the stack's `razorpay` service): this Node with
 * tsx's loader and src/cli.ts, listening on `host`:`port`.
 */
export function driverCommand(host: string, port: number): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      "--import",
      pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
      fileURLToPath(new URL("./cli.ts", import.meta.url)),
      "--host",
      host,
      "--port",
      String(port),
    ],
  };
}
