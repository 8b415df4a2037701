import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import jwt from "jsonwebtoken";

/** A verified guest (by phone OTP) or a staff member (by password). */
export type Principal =
  | { kind: "guest"; customerId: string; phone: string }
  | { kind: "staff"; staffId: string; restaurantId: string; role: "staff" | "manager" };

/** An access/refresh token pair, as a session cookie pair stores it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Access tokens live 15 minutes, refresh tokens 7 days (DESIGN.md, flow 1). Seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Thrown for a missing, expired, forged, revoked or already-used token. */
export class InvalidTokenError extends Error {
  constructor(message = "Your session has expired. Please sign in again.") {
    super(message);
    this.name = "InvalidTokenError";
  }
}

const refreshKey = (jti: string) => `auth:refresh:${jti}`;

/**
 * Issues and checks JWTs (HS256). Refresh tokens rotate: each carries a `jti` registered in
 * Redis for 7 days; using one deletes it atomically (GETDEL) and issues a new pair, so a stolen
 * refresh token works at most once and a replay is refused.
 */
export class TokenService {
  constructor(
    private readonly redis: Redis,
    private readonly secrets: { access: string; refresh: string },
  ) {}

  /** A signed access token for `principal`, valid 15 minutes. */
  signAccessToken(principal: Principal): string {
    return jwt.sign({ p: principal }, this.secrets.access, { algorithm: "HS256", expiresIn: ACCESS_TOKEN_TTL_SECONDS });
  }

  /** @throws InvalidTokenError when the token is missing, expired or forged. */
  verifyAccessToken(token: string | undefined): Principal {
    return this.decode(token, this.secrets.access).principal;
  }

  /** A refresh token for `principal`, valid 7 days, registered in Redis. */
  async signRefreshToken(principal: Principal): Promise<string> {
    const jti = randomUUID();
    await this.redis.set(refreshKey(jti), "1", "EX", REFRESH_TOKEN_TTL_SECONDS);
    return jwt.sign({ p: principal }, this.secrets.refresh, {
      algorithm: "HS256",
      expiresIn: REFRESH_TOKEN_TTL_SECONDS,
      jwtid: jti,
    });
  }

  /**
   * Spends a refresh token and returns a fresh access/refresh pair for the same principal.
   * @throws InvalidTokenError when the token is invalid, expired, revoked or already used.
   */
  async rotate(refreshToken: string | undefined): Promise<TokenPair & { principal: Principal }> {
    const { principal, jti } = this.decode(refreshToken, this.secrets.refresh);
    if (!jti || (await this.redis.getdel(refreshKey(jti))) === null) throw new InvalidTokenError();
    return {
      principal,
      accessToken: this.signAccessToken(principal),
      refreshToken: await this.signRefreshToken(principal),
    };
  }

  /** Revokes a refresh token (sign-out). Invalid tokens are ignored. */
  async revoke(refreshToken: string | undefined): Promise<void> {
    try {
      const { jti } = this.decode(refreshToken, this.secrets.refresh);
      if (jti) await this.redis.del(refreshKey(jti));
    } catch {
      // Nothing to revoke.
    }
  }

  private decode(token: string | undefined, secret: string): { principal: Principal; jti: string | undefined } {
    if (!token) throw new InvalidTokenError("Please sign in.");
    try {
      const payload = jwt.verify(token, secret, { algorithms: ["HS256"] });
      if (typeof payload === "string" || !payload.p) throw new InvalidTokenError();
      return { principal: payload.p as Principal, jti: payload.jti };
    } catch (error) {
      throw error instanceof InvalidTokenError ? error : new InvalidTokenError();
    }
  }
}
