import { createTrpcRouteHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = createTrpcRouteHandler("guest");
export { handler as GET, handler as POST };
