import { tableQrResponse } from "@tabletap/api/qr-downloads";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /admin/tables/{tableId}/qr.svg`: one table's QR code as SVG (see `tableQrResponse`). */
export async function GET(req: Request, { params }: { params: Promise<{ tableId: string }> }): Promise<Response> {
  return tableQrResponse(req, (await params).tableId, "svg");
}
