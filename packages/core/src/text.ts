/**
 * Free text that people type and other people read (order notes, reasons shown to guests,
 * names): rules that keep it honest on every screen.
 */

/**
 * The Unicode bidirectional formatting characters (Unicode Standard Annex #9, "Explicit
 * Directional Embeddings/Overrides/Isolates" and the implicit marks): LRE, RLE, PDF, LRO, RLO
 * (U+202A–U+202E), LRI, RLI, FSI, PDI (U+2066–U+2069), LRM, RLM (U+200E, U+200F) and ALM
 * (U+061C). Invisible themselves, they reorder the text around them, so "\u202Estun on" is
 * displayed as "no nuts" (the "Trojan Source" trick, CVE-2021-42574).
 */
export const BIDI_CONTROL_CHARACTERS = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\u061C",
] as const;

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * `text` without its bidirectional formatting characters (`BIDI_CONTROL_CHARACTERS`), so it is
 * displayed in the order it was typed. Everything else is kept: letters of any script
 * (right-to-left ones still display right to left, by their own direction), emoji and their
 * zero-width joiners, line breaks. Applied by the schemas of every text shown to someone else
 * (`displayText` in schemas.ts), on the server and in the forms alike.
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
