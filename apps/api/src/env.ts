import { createEnv } from "@t3-oss/env-core";
import { loadServerEnv } from "@tabletap/api";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * The standalone API server's environment: where it listens, plus everything the API needs
 * (`loadServerEnv`; the one place this app reads `process.env`).
 * @throws Error naming every invalid variable, like the API's own check.
 */
export function loadApiServerEnv(source: EnvSource = process.env) {
  return createEnv({
    server: {
      /** Address to listen on (127.0.0.1 locally; 0.0.0.0 in a container behind a load balancer). */
      API_HOST: z.string().min(1).default("127.0.0.1"),
      /** Port of the guest app's API (`/api/trpc` of the guest host routes here). */
      API_GUEST_PORT: port.default(4000),
      /** Port of the dashboard's API (`/api/trpc` of the dashboard host routes here). */
      API_STAFF_PORT: port.default(4001),
    },
    extends: [loadServerEnv(source)],
    ...envOptions(source),
  });
}
