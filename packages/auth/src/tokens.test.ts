import { createRedis, redisEnvSchema } from "@tabletap/redis";
import jwt from "jsonwebtoken";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidTokenError, TokenService, type Principal } from "./tokens";

const redis = createRedis(redisEnvSchema.parse(process.env).REDIS_URL);
const secrets = { access: "a".repeat(40), refresh: "r".repeat(40) };
const tokens = new TokenService(redis, secrets);
const guest: Principal = { kind: "guest", customerId: "6b0000000000000000000001", phone: "+919876543210" };

afterAll(() => redis.quit());

describe("TokenService", () => {
  it("round-trips an access token and refuses forged, expired or refresh tokens as access tokens", async () => {
    expect(tokens.verifyAccessToken(tokens.signAccessToken(guest))).toEqual(guest);
    const forged = jwt.sign({ p: guest }, "not-the-secret");
    expect(() => tokens.verifyAccessToken(forged)).toThrow(InvalidTokenError);
    const expired = jwt.sign({ p: guest, exp: Math.floor(Date.now() / 1000) - 10 }, secrets.access);
    expect(() => tokens.verifyAccessToken(expired)).toThrow(InvalidTokenError);
    const refresh = await tokens.signRefreshToken(guest);
    expect(() => tokens.verifyAccessToken(refresh)).toThrow(InvalidTokenError);
    expect(() => tokens.verifyAccessToken(undefined)).toThrow("Please sign in.");
    const none = jwt.sign({ p: guest }, "", { algorithm: "none" });
    expect(() => tokens.verifyAccessToken(none)).toThrow(InvalidTokenError);
  });

  it("access tokens expire after 15 minutes", () => {
    const decoded = jwt.decode(tokens.signAccessToken(guest)) as { iat: number; exp: number };
    expect(decoded.exp - decoded.iat).toBe(15 * 60);
  });

  it("rotates refresh tokens once; a replay and a revoked token are refused", async () => {
    const first = await tokens.signRefreshToken(guest);
    const decoded = jwt.decode(first) as { iat: number; exp: number };
    expect(decoded.exp - decoded.iat).toBe(7 * 24 * 3600);
    const rotated = await tokens.rotate(first);
    expect(rotated.principal).toEqual(guest);
    expect(tokens.verifyAccessToken(rotated.accessToken)).toEqual(guest);
    await expect(tokens.rotate(first)).rejects.toThrow(InvalidTokenError);
    await tokens.revoke(rotated.refreshToken);
    await expect(tokens.rotate(rotated.refreshToken)).rejects.toThrow(InvalidTokenError);
  });
});
