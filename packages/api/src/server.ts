import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SessionAudience } from "@tabletap/auth";
import { getRequestListener } from "@hono/node-server";
import { createApiHandler, razorpayWebhookHandler } from "./http";
import type { Services } from "./services";

/** Where Razorpay posts its webhooks: the guest app's route, served on the guest port too. */
const WEBHOOK_PATH = "/api/webhooks/razorpay";

/** A running standalone API server: where each audience's API answers, and how to stop it. */
export interface RunningApiServer {
  /** Base URL per audience, e.g. `{ guest: "http://127.0.0.1:4000", staff: "http://127.0.0.1:4001" }`. */
  urls: Record<SessionAudience, string>;
  /** Stops accepting connections and closes the open ones (live streams included). */
  close(): Promise<void>;
}

/**
 * The API as a standalone Node.js server, without Next.js in the request path (issue 7: the
 * Next.js route handler caps the read path at about a third of this; docs/PERFORMANCE.md). One
 * listener per audience, each serving `/api/trpc` exactly as that app's route handler does
 * (`createApiHandler`: that app's router only, the same context, limits, load shedding and
 * ETags; the client address from the socket's peer and `TRUST_PROXY_HOPS`), so a load
 * balancer sends `/api/trpc/*` of the guest app's host to the guest port and of the dashboard's
 * host to the staff port, and nothing else changes for the browser. The guest port also serves
 * Razorpay's webhooks at `POST /api/webhooks/razorpay` (`razorpayWebhookHandler`), as the guest
 * app does. `GET /healthz` answers 200
 * for the load balancer; any other path 404. Requests are converted to the Fetch API by
 * `@hono/node-server`.
 *
 * @param opts.ports per audience; 0 picks a free port. @throws the listen error (e.g. EADDRINUSE).
 */
export async function startApiServer(opts: {
  services: Services;
  host: string;
  ports: Record<SessionAudience, number>;
}): Promise<RunningApiServer> {
  const audiences: SessionAudience[] = ["guest", "staff"];
  const servers = await Promise.all(
    audiences.map(async (audience) => {
      const handle = createApiHandler(audience, { services: () => opts.services });
      const webhook = razorpayWebhookHandler({ services: () => opts.services });
      const listener = getRequestListener((req, { incoming }) => {
        const { pathname } = new URL(req.url);
        if (pathname.startsWith("/api/trpc/")) return handle(req, incoming.socket.remoteAddress);
        if (audience === "guest" && pathname === WEBHOOK_PATH) return webhook(req);
        if (pathname === "/healthz") return new Response("ok");
        return new Response("Not found", { status: 404 });
      });
      // The listener answers every request itself, errors included (a 500), and never rejects.
      const server = createServer((req, res) => void listener(req, res));
      server.listen(opts.ports[audience], opts.host);
      await once(server, "listening");
      return [audience, server] as const;
    }),
  );
  const url = (server: Server) => `http://${opts.host}:${(server.address() as AddressInfo).port}`;
  return {
    urls: Object.fromEntries(servers.map(([audience, server]) => [audience, url(server)])) as Record<
      SessionAudience,
      string
    >,
    async close() {
      await Promise.all(
        servers.map(async ([, server]) => {
          server.closeAllConnections();
          server.close();
          await once(server, "close");
        }),
      );
    },
  };
}
