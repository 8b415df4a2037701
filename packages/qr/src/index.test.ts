import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrPng, qrSheetPdf, qrSvg } from "./index";
import { sheetLinks } from "./sheet-links";

const url = (n: number) => `https://order.example.com/t/code-${n}-AbCdEf_12`;

/** The QR module matrix `url` encodes at level M (rows of booleans, dark = true), and the data its segments carry. */
function expected(text: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const rows = Array.from({ length: qr.modules.size }, (_, row) =>
    Array.from({ length: qr.modules.size }, (_, column) => Boolean(qr.modules.get(row, column))),
  );
  const data = qr.segments
    .map((segment) => (typeof segment.data === "string" ? segment.data : Buffer.from(segment.data).toString("utf8")))
    .join("");
  return { rows, data };
}

/** The module matrix an SVG of `qrcode` draws: its path is one horizontal run per "M/m x y h n" (dark modules), 4 modules of quiet zone. */
function svgModules(svg: string, size: number): boolean[][] {
  const rows = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1] ?? "";
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmHh])([\d.-]+)(?:\s([\d.-]+))?/g)) {
    if (command === "M") [x, y] = [Number(a), Number(b)];
    else if (command === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let column = x; column < x + Number(a); column += 1) rows[Math.floor(y) - 4]![column - 4] = true;
      x += Number(a);
    }
  }
  return rows;
}

/** The module matrix a PNG shows: the colour at the centre of each module, quiet zone of 4 left out. */
function pngModules(png: Buffer, size: number): boolean[][] {
  const image = PNG.sync.read(png);
  const cell = image.width / (size + 8);
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => {
      const x = Math.floor((column + 4.5) * cell);
      const y = Math.floor((row + 4.5) * cell);
      return image.data[(y * image.width + x) * 4]! < 128;
    }),
  );
}

describe("qrSheetPdf", () => {
  it("lays out one card per table, six to an A4 page, each linking to its table's guest URL", async () => {
    const cards = Array.from({ length: 7 }, (_, n) => ({ label: `T${n + 1}`, guestUrl: url(n + 1) }));
    const pdf = await qrSheetPdf({ restaurantName: "Saffron Table", cards });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe("QR codes · Saffron Table");
    expect(doc.getPages().map((page) => page.getSize())).toEqual([
      { width: 595.28, height: 841.89 },
      { width: 595.28, height: 841.89 },
    ]);
    expect(await sheetLinks(pdf)).toEqual([cards.slice(0, 6).map((c) => c.guestUrl), [cards[6]!.guestUrl]]);
  });

  it("still prints names the standard fonts can't draw in full, and long ones", async () => {
    const pdf = await qrSheetPdf({
      restaurantName: "सैफ़रन Saffron ₹ Table with a very long name that goes on and on",
      cards: [{ label: "Patio 12 — by the window", guestUrl: url(1) }],
    });
    expect(await sheetLinks(pdf)).toEqual([[url(1)]]);
  });
});

describe("qrSvg and qrPng", () => {
  it("encode the guest URL", async () => {
    const guestUrl = url(42);
    const { rows, data } = expected(guestUrl);
    expect(data).toBe(guestUrl);
    expect(svgModules(await qrSvg(guestUrl), rows.length)).toEqual(rows);
  });

  it("give a 1024-pixel PNG showing the guest URL's code", async () => {
    const guestUrl = url(7);
    const png = await qrPng(guestUrl);
    expect(PNG.sync.read(png).width).toBe(1024);
    expect(pngModules(png, expected(guestUrl).rows.length)).toEqual(expected(guestUrl).rows);
  });
});
