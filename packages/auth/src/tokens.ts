import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import jwt from "jsonwebtoken";

/** A verified guest (by phone OTP) or a staff member (by password). */
export type Principal =
  | { kind: "guest"; customerId: string; phone: string }
  | { kind: "staff"; staffId: string; restaurantId: string; role: "staff" | "manager" };

/** The account a principal signs in as: what its sessions are kept under. */
export type Account = { kind: "guest"; customerId: string } | { kind: "staff"; staffId: string };

/** An access/refresh token pair, as a session cookie pair stores it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Access tokens live 15 minutes, refresh tokens (and an idle session) 7 days (DESIGN.md, flow 1). Seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The `aud` claim of each token type (RFC 7519 §4.1.3), checked on verification: a refresh token
 * is never accepted as an access token, or the reverse, even if both were signed with one key.
 */
export const TOKEN_AUDIENCE = { access: "tabletap:access", refresh: "tabletap:refresh" } as const;
type TokenType = keyof typeof TOKEN_AUDIENCE;

/** Thrown for a missing, expired, forged, revoked or already-used token. */
export class InvalidTokenError extends Error {
  constructor(message = "Your session has expired. Please sign in again.") {
    super(message);
    this.name = "InvalidTokenError";
  }
}

/** A live session: its key holds the jti of the family's one unspent refresh token. */
const SESSION_PREFIX = "auth:session:";
const sessionKey = (sid: string) => `${SESSION_PREFIX}${sid}`;
/** The set of an account's session ids; it outlives each of them (its TTL is renewed whenever one is). */
const accountSessionsKey = (account: Account) =>
  `auth:sessions:${account.kind === "guest" ? `guest:${account.customerId}` : `staff:${account.staffId}`}`;

/**
 * Spends a refresh token of a session, atomically. KEYS: session, account's session set.
 * ARGV: presented jti, new jti, ttl seconds, sid. Returns 1 (rotated), 0 (no such session) or
 * -1 (the jti was already spent: a replay, so the session, i.e. the whole family, is ended).
 */
const ROTATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  return -1
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * Ends every session of an account, atomically. KEYS: the account's session set. ARGV: the
 * session key prefix. Returns how many sessions were listed. (It derives the session keys from
 * the set, which a standalone Redis allows and Redis Cluster would not: Tabletap uses the former.)
 */
const END_ALL_SCRIPT = `
local sids = redis.call('SMEMBERS', KEYS[1])
for _, sid in ipairs(sids) do redis.call('DEL', ARGV[1] .. sid) end
redis.call('DEL', KEYS[1])
return #sids`;

interface Claims {
  principal: Principal;
  /** Session id (the `sid` claim), shared by every token of one sign-in: the refresh-token family. */
  sid: string;
  /** Refresh tokens only: this token's id (`jti`). */
  jti: string | undefined;
}

/**
 * Issues and checks JWTs (HS256) bound to server-side sessions in Redis.
 *
 * Each sign-in starts a session: a random id (`sid`, carried by both tokens) with a live record in
 * Redis for 7 days after its last refresh, listed under its account. An access token (15 min) is
 * accepted only while its session is live, so ending the session refuses it at once. Refresh
 * tokens rotate within the session (their family): the session records the one unspent refresh
 * token; presenting an older one is a replay, which ends the session, so the pair it had been
 * exchanged for stops working too (refresh-token rotation with reuse detection, RFC 9700 §4.14.2).
 */
export class TokenService {
  constructor(
    private readonly redis: Redis,
    private readonly secrets: { access: string; refresh: string },
  ) {}

  /** Starts a new session for `principal` (one sign-in) and returns its first token pair. */
  async startSession(principal: Principal): Promise<TokenPair> {
    const sid = randomUUID();
    const jti = randomUUID();
    const setKey = accountSessionsKey(principal);
    await this.redis
      .multi()
      .set(sessionKey(sid), jti, "EX", REFRESH_TOKEN_TTL_SECONDS)
      .sadd(setKey, sid)
      .expire(setKey, REFRESH_TOKEN_TTL_SECONDS)
      .exec();
    return this.sign(principal, sid, jti);
  }

  /**
   * The principal of an access token whose session is live (one Redis round trip).
   * @throws InvalidTokenError when the token is missing, expired, forged, not an access token, or
   *   its session has ended (sign-out, replayed refresh token, account deactivated).
   */
  async verifyAccessToken(token: string | undefined): Promise<Principal> {
    const { principal, sid } = this.decode(token, "access");
    if ((await this.redis.exists(sessionKey(sid))) === 0) throw new InvalidTokenError();
    return principal;
  }

  /**
   * Whether the session of a genuine access token is still live, whether or not the token has
   * expired since (one Redis round trip): a live stream opened with the token checks this now and
   * then, so ending the session (sign-out, deactivation, a replayed refresh token) ends the stream.
   * False for a missing, forged or non-access token.
   */
  async sessionLive(accessToken: string | undefined): Promise<boolean> {
    const claims = this.decodeOrNull(accessToken, "access");
    return claims !== null && (await this.redis.exists(sessionKey(claims.sid))) === 1;
  }

  /**
   * Spends a refresh token and returns a fresh pair in the same session, for the principal as
   * `current` reads it now from the account (e.g. the staff member's current role and restaurant);
   * when `current` answers null (account deleted or deactivated), the session is ended instead.
   * @throws InvalidTokenError when the token is invalid, expired or not a refresh token, its
   *   session has ended, it was already spent (a replay: the whole session ends), or `current`
   *   answered null.
   */
  async rotate(
    refreshToken: string | undefined,
    current: (principal: Principal) => Promise<Principal | null>,
  ): Promise<TokenPair & { principal: Principal }> {
    const { principal, sid, jti } = this.decode(refreshToken, "refresh");
    if (!jti) throw new InvalidTokenError();
    const now = await current(principal);
    if (!now) {
      await this.endSessions([{ principal, sid }]);
      throw new InvalidTokenError();
    }
    const next = randomUUID();
    const rotated = await this.redis.eval(
      ROTATE_SCRIPT,
      2,
      sessionKey(sid),
      accountSessionsKey(principal),
      jti,
      next,
      REFRESH_TOKEN_TTL_SECONDS,
      sid,
    );
    if (rotated !== 1) throw new InvalidTokenError();
    return { principal: now, ...this.sign(now, sid, next) };
  }

  /**
   * Ends the session of each of `tokens` that is genuine (access or refresh; expired ones too):
   * sign-out. Its access and refresh tokens are refused from then on. Others are ignored.
   */
  async endSession(tokens: Partial<TokenPair>): Promise<void> {
    const found = [
      this.decodeOrNull(tokens.accessToken, "access"),
      this.decodeOrNull(tokens.refreshToken, "refresh"),
    ].filter((claims) => claims !== null);
    await this.endSessions(found);
  }

  /**
   * Ends every session of `account` at once (e.g. a deactivated staff member): all its access and
   * refresh tokens are refused from then on. Returns how many sessions it had.
   */
  async endAllSessions(account: Account): Promise<number> {
    return Number(await this.redis.eval(END_ALL_SCRIPT, 1, accountSessionsKey(account), SESSION_PREFIX));
  }

  private async endSessions(sessions: Pick<Claims, "principal" | "sid">[]): Promise<void> {
    if (sessions.length === 0) return;
    const batch = this.redis.multi();
    for (const { principal, sid } of sessions) batch.del(sessionKey(sid)).srem(accountSessionsKey(principal), sid);
    await batch.exec();
  }

  private sign(principal: Principal, sid: string, jti: string): TokenPair {
    return {
      accessToken: jwt.sign({ p: principal, sid }, this.secrets.access, {
        algorithm: "HS256",
        audience: TOKEN_AUDIENCE.access,
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      }),
      refreshToken: jwt.sign({ p: principal, sid }, this.secrets.refresh, {
        algorithm: "HS256",
        audience: TOKEN_AUDIENCE.refresh,
        expiresIn: REFRESH_TOKEN_TTL_SECONDS,
        jwtid: jti,
      }),
    };
  }

  /** The claims of a genuine token of `type`. @throws InvalidTokenError otherwise. */
  private decode(token: string | undefined, type: TokenType, opts: { ignoreExpiration?: boolean } = {}): Claims {
    if (!token) throw new InvalidTokenError("Please sign in.");
    try {
      const payload = jwt.verify(token, this.secrets[type], {
        algorithms: ["HS256"],
        audience: TOKEN_AUDIENCE[type],
        ignoreExpiration: opts.ignoreExpiration,
      });
      if (typeof payload === "string" || !payload.p || typeof payload.sid !== "string") throw new InvalidTokenError();
      return { principal: payload.p as Principal, sid: payload.sid, jti: payload.jti };
    } catch (error) {
      throw error instanceof InvalidTokenError ? error : new InvalidTokenError();
    }
  }

  /** The claims of a genuine token of `type`, expired or not, or null. */
  private decodeOrNull(token: string | undefined, type: TokenType): Claims | null {
    try {
      return this.decode(token, type, { ignoreExpiration: true });
    } catch {
      return null;
    }
  }
}
