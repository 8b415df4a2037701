import { qrSheetResponse } from "@tabletap/api/qr-downloads";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /admin/tables/qr-sheet.pdf`: the printable QR sheet of the manager's active tables (see `qrSheetResponse`). */
export function GET(req: Request): Promise<Response> {
  return qrSheetResponse(req);
}
