import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** Failed staff sign-ins allowed per email and IP in 15 minutes (OWASP Authentication Cheat Sheet: throttle, don't lock out). */
export const STAFF_LOGIN_ATTEMPTS = 10;
const WINDOW_SECONDS = 15 * 60;

/** Thrown when an email + IP pair used up its sign-in attempts; `retryAfterSeconds` says when it may try again. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
    this.name = "LoginThrottledError";
  }
}

/**
 * Slows password guessing on staff accounts: each attempt for an email from an IP costs a point
 * (rate-limiter-flexible on Redis, 10 per 15 minutes); a successful sign-in clears the count.
 */
export class LoginThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "rl:staff-login",
      points: STAFF_LOGIN_ATTEMPTS,
      duration: WINDOW_SECONDS,
    });
  }

  /** Counts one attempt. @throws LoginThrottledError once the attempts are used up. */
  async attempt(email: string, ip: string): Promise<void> {
    try {
      await this.limiter.consume(`${email}|${ip}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw new LoginThrottledError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }

  /** Clears the count after a successful sign-in. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.limiter.delete(`${email}|${ip}`);
  }
}
