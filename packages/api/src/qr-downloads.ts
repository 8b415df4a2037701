/**
 * The dashboard's QR code downloads (route handlers): the printable sheet of the restaurant's
 * tables (PDF) and one table's code (PNG or SVG). Each authorizes like the pages do, as the
 * requesting staff member through the in-process API (`admin.tables.qrCards`: managers only,
 * their own restaurant's tables), and answers a refusal with its HTTP status: 401 signed out,
 * 403 not a manager, 404 an unknown table or another restaurant's, 400 a malformed id.
 */
import type { TableQrCardsInput, TableQrCardsView } from "@tabletap/core/tables-admin";
import { qrPng, qrSheetPdf, qrSvg } from "@tabletap/qr";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createServerCaller } from "./http";

/** The formats one table's QR code downloads in. */
export type TableQrFormat = "png" | "svg";

interface Download {
  body: Uint8Array<ArrayBuffer> | string;
  contentType: string;
  /** The file's name, as the browser saves it. */
  filename: string;
}

/**
 * `name` as an ASCII file name: letters, digits, "." "_" "-" kept, any other run of characters
 * becomes one "-" ("Patio 1 / Bar" → "Patio-1-Bar"), so it is safe in a header and on every file system.
 */
function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "table";
}

/** Calls `admin.tables.qrCards` as the requester, renders the download, or answers the refusal. */
async function download(
  req: Request,
  input: TableQrCardsInput,
  render: (view: TableQrCardsView) => Promise<Download>,
): Promise<Response> {
  let view: TableQrCardsView;
  try {
    view = await (await createServerCaller(req.headers, "staff")).admin.tables.qrCards(input);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return new Response(`${error.message}\n`, {
      status: getHTTPStatusCodeFromError(error),
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const file = await render(view);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      // Saved, not shown (RFC 6266); `fileSafe` names need no quoting beyond the quotes.
      "content-disposition": `attachment; filename="${file.filename}"`,
      // The codes are the keys to the tables: never kept by a shared cache.
      "cache-control": "private, no-store",
    },
  });
}

/**
 * `GET /admin/tables/qr-sheet.pdf`: the printable A4 sheet with a card per active table of the
 * requesting manager's restaurant (`qrSheetPdf`), as `{restaurant}-table-qr-codes.pdf`.
 */
export function qrSheetResponse(req: Request): Promise<Response> {
  return download(req, {}, async (view) => ({
    body: new Uint8Array(await qrSheetPdf({ restaurantName: view.restaurantName, cards: view.cards })),
    contentType: "application/pdf",
    filename: `${fileSafe(view.restaurantName)}-table-qr-codes.pdf`,
  }));
}

/**
 * `GET /admin/tables/{tableId}/qr.{png|svg}`: one table's QR code (`qrPng`, 1024 px, or
 * `qrSvg`), as `table-{label}-qr.{format}`; any table of the manager's restaurant, active or not.
 */
export function tableQrResponse(req: Request, tableId: string, format: TableQrFormat): Promise<Response> {
  return download(req, { tableId }, async ({ cards: [card] }) => {
    if (!card) throw new Error(`admin.tables.qrCards returned no card for table ${tableId}`);
    return {
      body: format === "png" ? new Uint8Array(await qrPng(card.guestUrl)) : await qrSvg(card.guestUrl),
      contentType: format === "png" ? "image/png" : "image/svg+xml",
      filename: `table-${fileSafe(card.label)}-qr.${format}`,
    };
  });
}
