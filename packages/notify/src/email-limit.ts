import { EMAIL_POLICY } from "@tabletap/core";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** A guest used up `EMAIL_POLICY.emailsPerGuestPerHour`; `retryAfterSeconds` says when the next email may go. */
export class EmailLimitError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`We've sent you a lot of email in the last hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
    this.name = "EmailLimitError";
  }
}

/**
 * Counts every email to a guest (verification and sign-in codes, receipts) against
 * `EMAIL_POLICY.emailsPerGuestPerHour` (10 per rolling hour), shared by the API and the worker
 * through Redis (rate-limiter-flexible), so no one can make the restaurant's sender mail
 * without bound.
 */
export class GuestEmailLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "rl:email:guest",
      points: EMAIL_POLICY.emailsPerGuestPerHour,
      duration: 3600,
    });
  }

  /** Counts one email to the guest `customerId`. @throws EmailLimitError once the hour's emails are used up. */
  async consume(customerId: string): Promise<void> {
    try {
      await this.limiter.consume(customerId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw new EmailLimitError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }
}
