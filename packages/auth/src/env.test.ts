import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authEnvSchema } from "./env";

/** A secret as `openssl rand -base64 48` makes it. */
const random = () => randomBytes(48).toString("base64");
const production = (secrets: Record<string, string>) => authEnvSchema.safeParse({ NODE_ENV: "production", ...secrets });
const refused = (result: ReturnType<typeof production>) => result.error?.issues.map((i) => i.path[0]) ?? [];

describe("authEnvSchema", () => {
  it("has dev defaults outside production", () => {
    expect(authEnvSchema.parse({}).JWT_ACCESS_SECRET).toMatch(/dev-only/);
  });

  it("refuses missing, short or default secrets in production, naming each", () => {
    expect(refused(production({ JWT_ACCESS_SECRET: "short" }))).toEqual([
      "JWT_ACCESS_SECRET",
      "JWT_REFRESH_SECRET",
      "OTP_PEPPER",
    ]);
  });

  it("refuses long but guessable secrets in production (repeats, sequences, words)", () => {
    for (const weak of [
      "a".repeat(32),
      "abc".repeat(16),
      "abcdefghijklmnopqrstuvwxyz0123456789",
      "password".repeat(6),
    ]) {
      expect(
        refused(production({ JWT_ACCESS_SECRET: weak, JWT_REFRESH_SECRET: random(), OTP_PEPPER: random() })),
      ).toEqual(["JWT_ACCESS_SECRET"]);
    }
  });

  it("refuses equal secrets in production: each key signs or hashes something else", () => {
    const shared = random();
    expect(
      refused(production({ JWT_ACCESS_SECRET: shared, JWT_REFRESH_SECRET: shared, OTP_PEPPER: random() })),
    ).toEqual(["JWT_REFRESH_SECRET"]);
    expect(
      refused(production({ JWT_ACCESS_SECRET: random(), JWT_REFRESH_SECRET: shared, OTP_PEPPER: shared })),
    ).toEqual(["OTP_PEPPER"]);
  });

  it("accepts distinct random secrets in production", () => {
    expect(
      production({ JWT_ACCESS_SECRET: random(), JWT_REFRESH_SECRET: random(), OTP_PEPPER: random() }).success,
    ).toBe(true);
  });
});
