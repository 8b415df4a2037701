import { readinessRouteHandler } from "@tabletap/api/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/ready`: readiness, 503 naming MongoDB, Redis or SQS when one does not answer (see `readinessRouteHandler`). */
export function GET(): Promise<Response> {
  return readinessRouteHandler();
}
