import { createTrpcRouteHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = createTrpcRouteHandler("staff");
export { handler as GET, handler as POST };
