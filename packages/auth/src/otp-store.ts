import { createHmac, timingSafeEqual } from "node:crypto";
import { OTP_POLICY } from "@tabletap/core/otp";
import { generateOtp } from "./otp-code";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** Why an OTP request or verification was refused; each maps to one human message. */
export type OtpErrorCode = "RATE_LIMITED" | "COOLDOWN" | "EXPIRED" | "WRONG_CODE" | "EXHAUSTED";

export class OtpError extends Error {
  constructor(
    readonly code: OtpErrorCode,
    message: string,
    /** For RATE_LIMITED and COOLDOWN: seconds until a retry can succeed. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "OtpError";
  }
}

const HOUR_SECONDS = 3600;
const codeKey = (phone: string) => `otp:code:${phone}`;
const cooldownKey = (phone: string) => `otp:cooldown:${phone}`;

function minutesOrSeconds(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * One-time codes for guest sign-in, in Redis, under `OTP_POLICY` from @tabletap/core:
 * codes are stored only as HMAC-SHA256(pepper, phone:code) with a 5-minute TTL; 3 wrong
 * attempts burn the code; a phone waits 30 s between codes; requests are rate limited per phone
 * and per IP, and verifications per IP (rate-limiter-flexible on Redis).
 */
export class OtpStore {
  private readonly perPhone: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;
  private readonly verifyPerIp: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly pepper: string,
  ) {
    this.perPhone = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "rl:otp:phone",
      points: OTP_POLICY.requestsPerPhonePerHour,
      duration: HOUR_SECONDS,
    });
    this.perIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "rl:otp:ip",
      points: OTP_POLICY.requestsPerIpPerHour,
      duration: HOUR_SECONDS,
    });
    this.verifyPerIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: "rl:otp:verify-ip",
      points: OTP_POLICY.verifiesPerIpPerHour,
      duration: HOUR_SECONDS,
    });
  }

  /**
   * Issues a new code for `phone` (E.164) and returns it for sending; replaces any earlier code.
   * @returns the 6-digit code and its lifetime in seconds.
   * @throws OtpError COOLDOWN within 30 s of the previous code; RATE_LIMITED past the hourly limits.
   */
  async issue(phone: string, ip: string): Promise<{ code: string; expiresInSeconds: number }> {
    const cooldownTtl = await this.redis.ttl(cooldownKey(phone));
    if (cooldownTtl > 0) {
      throw new OtpError("COOLDOWN", `Please wait ${cooldownTtl} seconds before asking for a new code.`, cooldownTtl);
    }
    await this.consume(this.perIp, ip, "Too many code requests from this network. Try again in");
    await this.consume(this.perPhone, phone, "Too many codes sent to this number. Try again in");
    if ((await this.redis.set(cooldownKey(phone), "1", "EX", OTP_POLICY.resendCooldownSeconds, "NX")) === null) {
      throw new OtpError(
        "COOLDOWN",
        `Please wait ${OTP_POLICY.resendCooldownSeconds} seconds before asking for a new code.`,
        OTP_POLICY.resendCooldownSeconds,
      );
    }
    const code = generateOtp();
    await this.redis
      .multi()
      .del(codeKey(phone))
      .hset(codeKey(phone), { hash: this.hash(phone, code), attempts: "0" })
      .expire(codeKey(phone), OTP_POLICY.ttlSeconds)
      .exec();
    return { code, expiresInSeconds: OTP_POLICY.ttlSeconds };
  }

  /**
   * Checks `code` for `phone`; on success the code is deleted, so it works once.
   * @throws OtpError RATE_LIMITED, EXPIRED (no live code), WRONG_CODE (attempts left), EXHAUSTED (3rd miss).
   */
  async verify(phone: string, code: string, ip: string): Promise<void> {
    await this.consume(this.verifyPerIp, ip, "Too many attempts from this network. Try again in");
    const stored = await this.redis.hget(codeKey(phone), "hash");
    if (!stored) throw new OtpError("EXPIRED", "This code has expired. Ask for a new one.");
    const expected = Buffer.from(stored, "hex");
    const actual = Buffer.from(this.hash(phone, code), "hex");
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) {
      // Only one concurrent verifier wins the delete; the other sees the code as spent.
      if ((await this.redis.del(codeKey(phone))) === 1) return;
      throw new OtpError("EXPIRED", "This code has already been used. Ask for a new one.");
    }
    const attempts = await this.redis.hincrby(codeKey(phone), "attempts", 1);
    if (attempts >= OTP_POLICY.maxAttempts) {
      await this.redis.del(codeKey(phone));
      throw new OtpError("EXHAUSTED", "Too many wrong codes. Ask for a new one.");
    }
    const left = OTP_POLICY.maxAttempts - attempts;
    throw new OtpError("WRONG_CODE", `That code isn't right. ${left} ${left === 1 ? "try" : "tries"} left.`);
  }

  private hash(phone: string, code: string): string {
    return createHmac("sha256", this.pepper).update(`${phone}:${code}`).digest("hex");
  }

  private async consume(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new OtpError("RATE_LIMITED", `${message} ${minutesOrSeconds(seconds)}.`, seconds);
    }
  }
}
