import { describe, expect, it } from "vitest";
import { countryNames, isPhoneCountry, maskPhone, phoneCountry, toE164 } from "./phone";

describe("toE164", () => {
  it.each([
    ["98765 43210", "+919876543210"],
    ["9876543210", "+919876543210"],
    ["09876543210", "+919876543210"],
    ["+91 98765 43210", "+919876543210"],
    ["+91-98765-43210", "+919876543210"],
    ["(+91) 98765 43210", "+919876543210"],
    ["+1 415 555 2671", "+14155552671"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("normalises %j", (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it("reads national numbers in the given region", () => {
    expect(toE164("(415) 555-2671", "US")).toBe("+14155552671");
    expect(toE164("020 7946 0958", "GB")).toBe("+442079460958");
  });

  it.each([
    "",
    "   ",
    "abc",
    "12345",
    "98765",
    "+91 98765 4321",
    "+1 555 555 5555",
    "+999 123456789",
    "98765432101234",
  ])("rejects %j", (raw) => {
    expect(toE164(raw)).toBeNull();
  });
});

describe("maskPhone", () => {
  it("keeps only the country code and the last 3 digits", () => {
    expect(maskPhone("+919876543210")).toBe("+91 ••••• ••210");
    expect(maskPhone("+14155552671")).toBe("+1 ••• ••• •671");
    expect(maskPhone("+442079460958")).toBe("+44 •• •••• •958");
  });

  it("masks input it can't parse without throwing", () => {
    expect(maskPhone("12345678")).toBe("•••••678");
    expect(maskPhone("")).toBe("");
  });

  it("never shows more than 3 national digits", () => {
    for (const e164 of ["+919876543210", "+14155552671", "+442079460958"]) {
      const masked = maskPhone(e164);
      const [code, ...rest] = masked.split(" ");
      expect(e164.startsWith(code ?? "")).toBe(true);
      expect(rest.join("").replace(/•/g, "")).toHaveLength(3);
    }
  });
});

describe("phoneCountry", () => {
  it("reads the country of a number, telling apart countries that share a calling code", () => {
    expect(phoneCountry("+919876543210")).toBe("IN");
    expect(phoneCountry("+14155552671")).toBe("US");
    expect(phoneCountry("+14165550123")).toBe("CA");
    expect(phoneCountry("+442079460958")).toBe("GB");
  });

  it("is null for what isn't a valid number", () => {
    expect(phoneCountry("+999123456789")).toBeNull();
    expect(phoneCountry("12345")).toBeNull();
  });
});

describe("isPhoneCountry", () => {
  it("accepts upper-case ISO 3166-1 alpha-2 codes of countries with phone numbers", () => {
    expect(isPhoneCountry("IN")).toBe(true);
    expect(isPhoneCountry("GB")).toBe(true);
    for (const code of ["in", "XX", "IND", "", "I"]) expect(isPhoneCountry(code)).toBe(false);
  });
});

describe("countryNames", () => {
  it("names the countries in English, joined with 'or'", () => {
    expect(countryNames(["IN"])).toBe("India");
    expect(countryNames(["IN", "NP"])).toBe("India or Nepal");
    expect(countryNames(["IN", "NP", "LK"])).toBe("India, Nepal, or Sri Lanka");
  });
});
