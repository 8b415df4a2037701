/**
 * Tables' QR codes: one table's code as PNG or SVG, and a printable A4 sheet of cards (PDF), one
 * card per table: restaurant name, table label, the QR code of the table's guest URL and a short
 * instruction. QR codes per ISO/IEC 18004 (`qrcode`), error correction level M (15 % of the code
 * may be damaged or covered) and the standard quiet zone of 4 modules; the PDF with `pdf-lib`.
 */
import { PDFDocument, PDFString, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode, { type QRCodeErrorCorrectionLevel } from "qrcode";

/** ISO/IEC 18004 error correction level M: the code survives 15 % damage (a smudge, a scratch on a laminated card). */
const ERROR_CORRECTION: QRCodeErrorCorrectionLevel = "M";
/** The quiet zone around the code, in modules: 4, as ISO/IEC 18004 requires for reliable scanning. */
const QUIET_ZONE = 4;
/** Width of the PNG download in pixels: sharp when printed at 8 cm and 300 dpi. */
const PNG_WIDTH = 1024;
/** What each card tells the guest. */
export const QR_CARD_INSTRUCTIONS = "Scan to see the menu and order";

/** One card of the sheet: the table's label and the guest URL its QR code encodes. */
export interface QrCard {
  label: string;
  guestUrl: string;
}

/** The QR code of `url` as an SVG document (black on white, quiet zone included, scales to any size). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE });
}

/** The QR code of `url` as a 1024-pixel-wide PNG (black on white, quiet zone included). */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, {
    type: "png",
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE,
    width: PNG_WIDTH,
  });
}

/** Points of an A4 page (ISO 216: 210 × 297 mm, 72 points an inch). */
const A4 = { width: 595.28, height: 841.89 } as const;
/** Cards per page: 2 across, 3 down. */
const GRID = { columns: 2, rows: 3 } as const;
/** The page's margin in points (1.27 cm), outside the cut lines; most printers can't print closer to the edge. */
const PAGE_MARGIN = 36;
const CARD = {
  width: (A4.width - 2 * PAGE_MARGIN) / GRID.columns,
  height: (A4.height - 2 * PAGE_MARGIN) / GRID.rows,
  /** Side of the QR code, quiet zone included, in points (about 5.6 cm). */
  qrSize: 160,
} as const;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const CUT_LINE = rgb(0.75, 0.75, 0.75);

/**
 * `text` as `font` can draw it: characters outside its character set (the standard PDF fonts
 * cover Windows-1252 only, so not "₹" or Devanagari) are left out rather than failing the sheet.
 */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text].filter((char) => supported.has(char.codePointAt(0) ?? -1)).join("");
}

/** Draws `text` centred at `centerX` on baseline `y`, shrunk down to `minSize` and then cut with "…" to fit `maxWidth`. */
function drawCentered(
  page: PDFPage,
  text: string,
  opts: {
    font: PDFFont;
    size: number;
    minSize: number;
    centerX: number;
    y: number;
    maxWidth: number;
    color: ReturnType<typeof rgb>;
  },
): void {
  let line = drawable(opts.font, text);
  let size = opts.size;
  while (size > opts.minSize && opts.font.widthOfTextAtSize(line, size) > opts.maxWidth) size -= 1;
  while (line.length > 1 && opts.font.widthOfTextAtSize(line, size) > opts.maxWidth) line = `${line.slice(0, -2)}…`;
  const width = opts.font.widthOfTextAtSize(line, size);
  page.drawText(line, { x: opts.centerX - width / 2, y: opts.y, size, font: opts.font, color: opts.color });
}

/** Draws the QR code of `url` as vector squares (crisp at any print resolution) with its bottom-left corner at (x, y). */
function drawQr(page: PDFPage, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: ERROR_CORRECTION });
  const cells = modules.size + 2 * QUIET_ZONE;
  const cell = size / cells;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row += 1) {
    // One rectangle per run of dark modules in the row keeps the page small.
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      page.drawRectangle({
        x: x + (QUIET_ZONE + start) * cell,
        y: y + size - (QUIET_ZONE + row + 1) * cell,
        width: (column - start) * cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}

/** Makes the rectangle a link to `url`, so the QR code can be followed from the PDF on screen too. */
function addLink(doc: PDFDocument, page: PDFPage, url: string, rect: [number, number, number, number]): void {
  const annotation = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: "Action", S: "URI", URI: PDFString.of(url) },
  });
  page.node.addAnnot(doc.context.register(annotation));
}

/** Dashed cut lines around every cell of the page's grid. */
function drawCutLines(page: PDFPage): void {
  const line = { thickness: 0.5, color: CUT_LINE, dashArray: [4, 4] };
  for (let column = 0; column <= GRID.columns; column += 1) {
    const x = PAGE_MARGIN + column * CARD.width;
    page.drawLine({ start: { x, y: PAGE_MARGIN }, end: { x, y: A4.height - PAGE_MARGIN }, ...line });
  }
  for (let row = 0; row <= GRID.rows; row += 1) {
    const y = PAGE_MARGIN + row * CARD.height;
    page.drawLine({ start: { x: PAGE_MARGIN, y }, end: { x: A4.width - PAGE_MARGIN, y }, ...line });
  }
}

/**
 * The printable QR sheet: A4 pages of 2 × 3 cards inside dashed cut lines, one card per entry
 * of `cards` in their order: `restaurantName`, the table's label, the QR code of its guest URL
 * (also a link in the PDF) and `QR_CARD_INSTRUCTIONS`. No cards gives one empty page. Text the
 * standard PDF fonts can't draw (outside Windows-1252) is left out.
 */
export async function qrSheetPdf(sheet: { restaurantName: string; cards: QrCard[] }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`QR codes · ${sheet.restaurantName}`);
  doc.setCreator("Tabletap");
  doc.setProducer("Tabletap");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const perPage = GRID.columns * GRID.rows;
  const pages = Math.max(1, Math.ceil(sheet.cards.length / perPage));
  for (let index = 0; index < pages; index += 1) {
    const page = doc.addPage([A4.width, A4.height]);
    drawCutLines(page);
    sheet.cards.slice(index * perPage, (index + 1) * perPage).forEach((card, slot) => {
      const left = PAGE_MARGIN + (slot % GRID.columns) * CARD.width;
      const top = A4.height - PAGE_MARGIN - Math.floor(slot / GRID.columns) * CARD.height;
      const centerX = left + CARD.width / 2;
      const maxWidth = CARD.width - 32;
      drawCentered(page, sheet.restaurantName, {
        font: regular,
        size: 11,
        minSize: 8,
        centerX,
        y: top - 24,
        maxWidth,
        color: MUTED,
      });
      drawCentered(page, card.label, { font: bold, size: 24, minSize: 12, centerX, y: top - 52, maxWidth, color: INK });
      const qrX = centerX - CARD.qrSize / 2;
      const qrY = top - 60 - CARD.qrSize;
      drawQr(page, card.guestUrl, qrX, qrY, CARD.qrSize);
      addLink(doc, page, card.guestUrl, [qrX, qrY, qrX + CARD.qrSize, qrY + CARD.qrSize]);
      drawCentered(page, QR_CARD_INSTRUCTIONS, {
        font: regular,
        size: 10,
        minSize: 8,
        centerX,
        y: qrY - 14,
        maxWidth,
        color: INK,
      });
    });
  }
  return doc.save();
}
