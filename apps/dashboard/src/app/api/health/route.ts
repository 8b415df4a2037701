import { livenessRouteHandler } from "@tabletap/api/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/health`: liveness, no dependency called (see `livenessRouteHandler`). */
export function GET(): Response {
  return livenessRouteHandler();
}
