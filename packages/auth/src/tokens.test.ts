import { randomUUID } from "node:crypto";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import jwt from "jsonwebtoken";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidTokenError, TokenService, type Principal } from "./tokens";

const redis = createRedis(redisEnvSchema.parse(process.env).REDIS_URL);
const secrets = { access: "a".repeat(40), refresh: "r".repeat(40) };
const tokens = new TokenService(redis, secrets);
/** A guest of their own, so one test's sessions never meet another's. */
const newGuest = (): Principal => ({ kind: "guest", customerId: randomUUID(), phone: "+919876543210" });
/** `rotate`'s account check when the account is unchanged. */
const unchanged = (principal: Principal) => Promise.resolve(principal);

afterAll(() => redis.quit());

describe("TokenService", () => {
  it("accepts its own access tokens and refuses forged, expired, missing or unsigned ones", async () => {
    const guest = newGuest();
    const { accessToken } = await tokens.startSession(guest);
    await expect(tokens.verifyAccessToken(accessToken)).resolves.toEqual(guest);
    const { sid } = jwt.decode(accessToken) as { sid: string };
    const claims = { p: guest, sid };
    const options = { audience: "tabletap:access" };
    await expect(tokens.verifyAccessToken(jwt.sign(claims, "not-the-secret", options))).rejects.toThrow(
      InvalidTokenError,
    );
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secrets.access, options);
    await expect(tokens.verifyAccessToken(expired)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verifyAccessToken(undefined)).rejects.toThrow("Please sign in.");
    const none = jwt.sign(claims, "", { ...options, algorithm: "none" });
    await expect(tokens.verifyAccessToken(none)).rejects.toThrow(InvalidTokenError);
  });

  it("access tokens expire after 15 minutes, refresh tokens after 7 days", async () => {
    const pair = await tokens.startSession(newGuest());
    const lifetime = (token: string) => {
      const { iat, exp } = jwt.decode(token) as { iat: number; exp: number };
      return exp - iat;
    };
    expect(lifetime(pair.accessToken)).toBe(15 * 60);
    expect(lifetime(pair.refreshToken)).toBe(7 * 24 * 3600);
  });

  it("refuses a refresh token as an access token, and the reverse, even when both secrets are equal", async () => {
    const same = new TokenService(redis, { access: "s".repeat(40), refresh: "s".repeat(40) });
    const pair = await same.startSession(newGuest());
    await expect(same.verifyAccessToken(pair.refreshToken)).rejects.toThrow(InvalidTokenError);
    await expect(same.rotate(pair.accessToken, unchanged)).rejects.toThrow(InvalidTokenError);
    // The pair itself is fine.
    await expect(same.rotate(pair.refreshToken, unchanged)).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it("ending a session refuses its access token at once, and its refresh token", async () => {
    const pair = await tokens.startSession(newGuest());
    await tokens.endSession({ refreshToken: pair.refreshToken });
    await expect(tokens.verifyAccessToken(pair.accessToken)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.rotate(pair.refreshToken, unchanged)).rejects.toThrow(InvalidTokenError);
    // An access token alone (e.g. the refresh cookie was lost) ends its session too.
    const other = await tokens.startSession(newGuest());
    await tokens.endSession({ accessToken: other.accessToken });
    await expect(tokens.verifyAccessToken(other.accessToken)).rejects.toThrow(InvalidTokenError);
  });

  it("rotates within the session; a replayed refresh token ends the whole family", async () => {
    const guest = newGuest();
    const first = await tokens.startSession(guest);
    const second = await tokens.rotate(first.refreshToken, unchanged);
    expect(second.principal).toEqual(guest);
    await expect(tokens.verifyAccessToken(second.accessToken)).resolves.toEqual(guest);
    const third = await tokens.rotate(second.refreshToken, unchanged);
    // A refresh token spent before (here the first one) is a replay: refused, and every token
    // of the session with it, including the newest pair.
    await expect(tokens.rotate(first.refreshToken, unchanged)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verifyAccessToken(third.accessToken)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.rotate(third.refreshToken, unchanged)).rejects.toThrow(InvalidTokenError);
    // The account's other sessions are untouched.
    const elsewhere = await tokens.startSession(guest);
    await expect(tokens.verifyAccessToken(elsewhere.accessToken)).resolves.toEqual(guest);
  });

  it("rotates to the account as it is now, and ends the session when the account is gone", async () => {
    const staff: Principal = { kind: "staff", staffId: randomUUID(), restaurantId: "r1", role: "staff" };
    const pair = await tokens.startSession(staff);
    const promoted: Principal = { ...staff, role: "manager" };
    const rotated = await tokens.rotate(pair.refreshToken, () => Promise.resolve(promoted));
    await expect(tokens.verifyAccessToken(rotated.accessToken)).resolves.toEqual(promoted);
    await expect(tokens.rotate(rotated.refreshToken, () => Promise.resolve(null))).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verifyAccessToken(rotated.accessToken)).rejects.toThrow(InvalidTokenError);
  });

  it("ends every session of an account at once, and no one else's", async () => {
    const staff: Principal = { kind: "staff", staffId: randomUUID(), restaurantId: "r1", role: "staff" };
    const colleague: Principal = { ...staff, staffId: randomUUID() };
    const [till, kitchen, theirs] = await Promise.all([
      tokens.startSession(staff),
      tokens.startSession(staff),
      tokens.startSession(colleague),
    ]);
    // A rotated session stays listed under its account.
    const rotated = await tokens.rotate(kitchen.refreshToken, unchanged);
    expect(await tokens.endAllSessions(staff)).toBe(2);
    for (const pair of [till, rotated]) {
      await expect(tokens.verifyAccessToken(pair.accessToken)).rejects.toThrow(InvalidTokenError);
      await expect(tokens.rotate(pair.refreshToken, unchanged)).rejects.toThrow(InvalidTokenError);
    }
    await expect(tokens.verifyAccessToken(theirs.accessToken)).resolves.toEqual(colleague);
    expect(await tokens.endAllSessions(staff)).toBe(0);
  });
});
