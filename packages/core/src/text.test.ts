import { describe, expect, it } from "vitest";
import { BIDI_CONTROL_CHARACTERS, stripBidiControls } from "./text";

describe("stripBidiControls", () => {
  it("removes every bidirectional formatting character (Unicode TR9: embeddings, overrides, isolates, marks)", () => {
    expect(BIDI_CONTROL_CHARACTERS).toHaveLength(12);
    for (const control of BIDI_CONTROL_CHARACTERS) expect(stripBidiControls(`no${control} nuts`)).toBe("no nuts");
  });

  it("undoes a disguised note: an override that would show 'stun on' as 'no nuts'", () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE ... U+202C POP DIRECTIONAL FORMATTING
    expect(stripBidiControls("\u202Estun on\u202C")).toBe("stun on");
    expect(stripBidiControls("\u2067extra\u2069 \u200Fspicy\u200E\u061C")).toBe("extra spicy");
  });

  it("keeps ordinary Unicode: Hindi, Arabic and Hebrew letters, emoji with joiners, accents", () => {
    for (const text of ["कम तीखा, बिना प्याज़", "بدون بصل", "בלי בצל", "👨‍👩‍👧 🌶️🌶️", "crème brûlée", "a\nb"])
      expect(stripBidiControls(text)).toBe(text);
  });
});
