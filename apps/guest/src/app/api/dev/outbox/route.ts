import { devOutboxRouteHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export { devOutboxRouteHandler as GET };
