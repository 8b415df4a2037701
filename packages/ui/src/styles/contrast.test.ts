import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The `--color-*` tokens a stylesheet sets (hex values only), by name without the prefix. */
function colours(file: string): Record<string, string> {
  const css = readFileSync(join(import.meta.dirname, file), "utf8");
  return Object.fromEntries(
    [...css.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m): [string, string] => [m[1]!, m[2]!]),
  );
}

/** WCAG 2.2 relative luminance of a #rrggbb colour (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// [text, background]: body-size text needs 4.5:1 (WCAG 1.4.3).
const TEXT_PAIRS: [string, string][] = [
  ...["background", "surface", "card", "card-header", "surface-muted"].flatMap((bg): [string, string][] => [
    ["foreground", bg],
    ["muted-foreground", bg],
  ]),
  ["subtle-foreground", "background"],
  ["subtle-foreground", "surface"],
  ["surface-muted-foreground", "surface-muted"],
  ["primary-strong", "background"],
  ["primary-strong", "surface"],
  ["danger", "background"],
  ["danger", "surface"],
  ["success", "surface"],
  ...["primary", "success", "warning", "danger", "danger-solid", "inverse"].map((fill): [string, string] => [
    `${fill}-foreground`,
    fill,
  ]),
  ...["primary", "success", "warning", "danger"].map((tint): [string, string] => [
    `${tint}-soft-foreground`,
    `${tint}-soft`,
  ]),
];
// [control, background]: input outlines and the focus ring need 3:1 (WCAG 1.4.11).
const NON_TEXT_PAIRS: [string, string][] = [
  ["border-strong", "surface"],
  ["ring", "background"],
  ["ring", "surface"],
];

describe.each(["base.css", "themes/guest.css", "themes/kitchen.css"])("%s colour tokens", (file) => {
  const theme = { ...colours("base.css"), ...colours(file) };

  it.each(TEXT_PAIRS)("%s on %s meets AA for text (4.5:1)", (fg, bg) => {
    expect(contrast(theme[fg]!, theme[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT_PAIRS)("%s on %s meets AA for controls (3:1)", (fg, bg) => {
    expect(contrast(theme[fg]!, theme[bg]!)).toBeGreaterThanOrEqual(3);
  });
});

describe("themes", () => {
  it("set every colour the base defines, so no app shows another app's colours", () => {
    const base = Object.keys(colours("base.css"));
    for (const file of ["themes/guest.css", "themes/kitchen.css"])
      expect(Object.keys(colours(file))).toEqual(expect.arrayContaining(base));
  });
});
