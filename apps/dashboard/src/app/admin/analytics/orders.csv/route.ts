import { createServerCaller } from "@tabletap/api/http";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /admin/analytics/orders.csv?from=YYYY-MM-DD&to=YYYY-MM-DD`: the orders of those business
 * days as a CSV download (`admin.analytics.ordersCsv`, called as the signed-in staff member, so
 * the API decides: managers only, their restaurant only). Answers 200 with `Content-Disposition:
 * attachment`; a browser without a staff session goes to sign in; staff get 403 and a bad range
 * 400, each with the API's message as text.
 */
export async function GET(req: Request): Promise<Response> {
  const params = new URL(req.url).searchParams;
  const range = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  try {
    const { filename, csv } = await (await createServerCaller(req.headers, "staff")).admin.analytics.ordersCsv(range);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
    if (error.code === "UNAUTHORIZED") {
      const next = `/admin/analytics?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
      return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(next)}` } });
    }
    return new Response(error.message, {
      status: getHTTPStatusCodeFromError(error),
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
}
