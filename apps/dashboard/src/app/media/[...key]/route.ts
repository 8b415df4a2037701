import { mediaRouteHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Menu photos from the S3 bucket when `S3_PUBLIC_URL` is unset (see `mediaRouteHandler`). */
export async function GET(req: Request, { params }: { params: Promise<{ key: string[] }> }): Promise<Response> {
  return mediaRouteHandler(req, (await params).key.join("/"));
}
