import { PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";

/**
 * The URIs of each page's link annotations in a QR sheet made by `qrSheetPdf` (one per card, in
 * card order): what a printed sheet links to, for tests of the sheet and of its download route.
 */
export async function sheetLinks(pdf: Uint8Array | ArrayBuffer): Promise<string[][]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map(
    (page) =>
      page.node
        .Annots()
        ?.asArray()
        .map((ref) =>
          doc.context
            .lookup(ref, PDFDict)
            .lookup(PDFName.of("A"), PDFDict)
            .lookup(PDFName.of("URI"), PDFString)
            .decodeText(),
        ) ?? [],
  );
}
