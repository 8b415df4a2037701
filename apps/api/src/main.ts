/**
 * The standalone API server (see `startApiServer` in @tabletap/api): the same tRPC API the apps
 * serve at `/api/trpc`, on one port per audience, without Next.js in the request path. Refuses to
 * start in production with a missing or default secret, like the apps. Stops on SIGINT/SIGTERM.
 */
import { createServices } from "@tabletap/api";
import { startApiServer } from "@tabletap/api/server";
import { loadApiServerEnv } from "./env";

const env = loadApiServerEnv();
const services = createServices(env);
await services.connectDb();
const server = await startApiServer({
  services,
  host: env.API_HOST,
  ports: { guest: env.API_GUEST_PORT, staff: env.API_STAFF_PORT },
});
services.log.info(server.urls, "API server listening");

async function shutdown(signal: string): Promise<void> {
  services.log.info({ signal }, "API server stopping");
  await server.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
