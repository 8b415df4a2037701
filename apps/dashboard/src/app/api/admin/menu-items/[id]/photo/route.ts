import { photoUploadRouteHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const upload = photoUploadRouteHandler();

/** A manager uploads a menu item's photo: the image is the body (see `photoUploadRouteHandler`). */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return upload(req, (await params).id);
}
