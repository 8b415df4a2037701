import { describe, expect, it } from "vitest";
import { safeNextPath } from "./paths";

/** What a browser does with a `Location` value: resolve it against the page's URL (WHATWG URL parser). */
function landsOn(location: string): URL {
  return new URL(location, "https://staff.example/login");
}

describe("safeNextPath", () => {
  it.each([
    ["/kitchen", "/kitchen"],
    ["/kitchen?station=tandoor", "/kitchen?station=tandoor"],
    ["/kitchen#board", "/kitchen#board"],
    // Normalised the way the browser would read it: dot segments resolved, unsafe bytes escaped.
    ["/kitchen/./x/../", "/kitchen/"],
    ["/kitchen?station=t a", "/kitchen?station=t%20a"],
    ["/kitchen?station=तंदूर", "/kitchen?station=%E0%A4%A4%E0%A4%82%E0%A4%A6%E0%A5%82%E0%A4%B0"],
  ])("keeps the same-origin path %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    // Tabs and newlines are dropped by the URL parser, and "\" counts as "/": each of these is "//evil.example".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    // The decoded forms of `%2F%2Fevil` and of `/%09/evil` in a query string.
    "//evil.example",
    "///evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/%2F/evil.example/../..//evil.example",
    "https://evil.example/kitchen",
    "https:evil.example",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "/kitchen\r\nSet-Cookie: tt_staff_rt=x",
    "/kitchen\u0000",
    "/kitchen\u007f",
    "%2F%2Fevil.example",
    "kitchen",
    "",
  ])("sends %j home (/)", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each([
    "/login",
    "/login?next=/kitchen",
    "/api/auth/resume?next=/kitchen",
    "/api",
    "/%61pi/auth/resume",
    "/kitchen/../api/trpc",
  ])("never sends the browser back to sign-in or the API (%j), which could loop", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("never returns a value a browser resolves to another origin or that can't be a header", () => {
    const attacks = ["/\t/evil.example", "/\\evil.example", "//evil.example", "/\r\n/evil.example", "javascript:x"];
    for (const next of attacks) {
      const location = safeNextPath(next);
      expect(landsOn(location).origin).toBe("https://staff.example");
      expect(() => new Headers({ location })).not.toThrow();
    }
  });

  it("sends a missing next home (/)", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
  });
});
