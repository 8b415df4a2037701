import { describe, expect, it } from "vitest";
import { clearedSessionCookies, readCookies, sessionCookies } from "./cookies";

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax, scoped to the audience, and Secure only when asked", () => {
    const [access, refresh] = sessionCookies("guest", { accessToken: "A", refreshToken: "R" }, false);
    expect(access).toBe("tt_guest_at=A; Max-Age=900; Path=/; HttpOnly; SameSite=Lax");
    expect(refresh).toBe("tt_guest_rt=R; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax");
    expect(sessionCookies("staff", { accessToken: "A", refreshToken: "R" }, true)[0]).toMatch(
      /^tt_staff_at=A;.*Secure/,
    );
    expect(clearedSessionCookies("guest", false)[0]).toMatch(/^tt_guest_at=; Max-Age=0/);
  });

  it("reads a Cookie header", () => {
    expect(readCookies("tt_guest_at=abc; other=1")).toEqual({ tt_guest_at: "abc", other: "1" });
    expect(readCookies(null)).toEqual({});
  });
});
