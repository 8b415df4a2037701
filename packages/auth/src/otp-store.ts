import { createHmac } from "node:crypto";
import { OTP_POLICY, type OtpChannel } from "@tabletap/core/otp";
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

/**
 * What a code proves, which decides where it lives: one live code per guest sign-in (by phone,
 * whichever channel sent it) and one per guest verifying an email (bound to that address, so a
 * code sent to one address never verifies another).
 */
export type OtpSubject =
  { purpose: "sign-in"; phone: string } | { purpose: "verify-email"; customerId: string; email: string };

const HOUR_SECONDS = 3600;

/** The code's slot: a new code for the same slot replaces the old one. */
const slotOf = (subject: OtpSubject) =>
  subject.purpose === "sign-in" ? `sign-in:${subject.phone}` : `verify-email:${subject.customerId}`;
/** What the code is hashed with: the slot, and for email verification the address. */
const bindingOf = (subject: OtpSubject) =>
  subject.purpose === "sign-in" ? slotOf(subject) : `${slotOf(subject)}:${subject.email}`;
const codeKey = (subject: OtpSubject) => `otp:code:${slotOf(subject)}`;
/** The resend cooldown is per destination: a guest whose SMS never came can have the code emailed at once. */
const cooldownKey = (subject: OtpSubject, channel: OtpChannel) =>
  subject.purpose === "sign-in" ? `otp:cooldown:${slotOf(subject)}:${channel}` : `otp:cooldown:${bindingOf(subject)}`;
/** The E.164 number without its last 4 digits: a block of 10,000 numbers (for the SMS-pumping cap). */
const numberPrefix = (phone: string) => phone.slice(0, -4);

/**
 * One verification attempt as one atomic step in Redis (finding: read, compare and count as
 * separate steps let parallel guesses all be compared). KEYS[1] the code's hash; ARGV[1] the
 * HMAC of the guess; ARGV[2] the attempts allowed. Returns {"OK"} (code deleted: it works once),
 * {"EXPIRED"} (no live code), {"WRONG", triesLeft} or {"EXHAUSTED"} (the last miss deletes the code).
 * Comparing the two HMACs with `==` leaks nothing useful through timing: both are 64 hex
 * characters keyed with the secret pepper, so a guesser cannot steer the HMAC of a guess.
 */
const ATTEMPT_SCRIPT = `
local stored = redis.call("HGET", KEYS[1], "hash")
if not stored then return {"EXPIRED"} end
if stored == ARGV[1] then
  redis.call("DEL", KEYS[1])
  return {"OK"}
end
local allowed = tonumber(ARGV[2])
local attempts = redis.call("HINCRBY", KEYS[1], "attempts", 1)
if attempts >= allowed then
  redis.call("DEL", KEYS[1])
  return {"EXHAUSTED"}
end
return {"WRONG", allowed - attempts}
`;

type AttemptResult = ["OK"] | ["EXPIRED"] | ["EXHAUSTED"] | ["WRONG", number];
type RedisWithAttempt = Redis & {
  otpAttempt(key: string, guessHash: string, maxAttempts: number): Promise<AttemptResult>;
};

function minutesOrSeconds(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * One-time codes in Redis for guest sign-in and email verification, under `OTP_POLICY` from
 * @tabletap/core: codes are stored only as HMAC-SHA256(pepper, subject:code) with a 5-minute TTL;
 * each verification is one atomic Redis script, so at most 3 guesses are ever compared with a
 * code (the 3rd miss burns it) and a right code works once, whatever the concurrency; a
 * destination waits 30 s between codes; requests are rate limited per IP, sign-in codes per phone,
 * and sign-in texts per number prefix (SMS pumping); verifications per IP (rate-limiter-flexible
 * on Redis). Emails per guest are limited by the caller (`GuestEmailLimit` in @tabletap/notify).
 */
export class OtpStore {
  private readonly redis: RedisWithAttempt;
  private readonly perPhone: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;
  private readonly perNumberPrefix: RateLimiterRedis;
  private readonly verifyPerIp: RateLimiterRedis;

  constructor(
    redis: Redis,
    private readonly pepper: string,
  ) {
    redis.defineCommand("otpAttempt", { numberOfKeys: 1, lua: ATTEMPT_SCRIPT });
    this.redis = redis as RedisWithAttempt;
    const hourly = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: HOUR_SECONDS });
    this.perPhone = hourly("rl:otp:phone", OTP_POLICY.requestsPerPhonePerHour);
    this.perIp = hourly("rl:otp:ip", OTP_POLICY.requestsPerIpPerHour);
    this.perNumberPrefix = hourly("rl:otp:sms-prefix", OTP_POLICY.smsPerNumberPrefixPerHour);
    this.verifyPerIp = hourly("rl:otp:verify-ip", OTP_POLICY.verifiesPerIpPerHour);
  }

  /**
   * Issues a new code for `subject`, to be sent by `channel` (a sign-in by "sms" or "email"; an
   * email verification by "email"), and returns it for sending; replaces the subject's earlier code.
   * @returns the 6-digit code and its lifetime in seconds.
   * @throws OtpError COOLDOWN within 30 s of the previous code to the same destination;
   *   RATE_LIMITED past the hourly limits (per IP; for sign-in per phone; for texts per number prefix).
   */
  async issue(
    subject: OtpSubject,
    channel: OtpChannel,
    ip: string,
  ): Promise<{ code: string; expiresInSeconds: number }> {
    const cooldown = cooldownKey(subject, channel);
    const cooldownTtl = await this.redis.ttl(cooldown);
    if (cooldownTtl > 0) {
      throw new OtpError("COOLDOWN", `Please wait ${cooldownTtl} seconds before asking for a new code.`, cooldownTtl);
    }
    await this.consume(this.perIp, ip, "Too many code requests from this network. Try again in");
    if (subject.purpose === "sign-in") {
      if (channel === "sms") {
        await this.consume(
          this.perNumberPrefix,
          numberPrefix(subject.phone),
          "Too many codes sent to numbers like this one. Try again in",
        );
      }
      await this.consume(this.perPhone, subject.phone, "Too many codes sent to this number. Try again in");
    }
    if ((await this.redis.set(cooldown, "1", "EX", OTP_POLICY.resendCooldownSeconds, "NX")) === null) {
      throw new OtpError(
        "COOLDOWN",
        `Please wait ${OTP_POLICY.resendCooldownSeconds} seconds before asking for a new code.`,
        OTP_POLICY.resendCooldownSeconds,
      );
    }
    const code = generateOtp();
    const key = codeKey(subject);
    await this.redis
      .multi()
      .del(key)
      .hset(key, { hash: this.hash(subject, code), attempts: "0" })
      .expire(key, OTP_POLICY.ttlSeconds)
      .exec();
    return { code, expiresInSeconds: OTP_POLICY.ttlSeconds };
  }

  /**
   * Checks `code` for `subject` in one atomic step; on success the code is deleted, so it works
   * once. At most `OTP_POLICY.maxAttempts` (3) guesses are compared per code.
   * @throws OtpError RATE_LIMITED (per-IP verifications), EXPIRED (no live code: never sent,
   *   expired, used or burnt), WRONG_CODE (tries left), EXHAUSTED (the 3rd miss, which burns it).
   */
  async verify(subject: OtpSubject, code: string, ip: string): Promise<void> {
    await this.consume(this.verifyPerIp, ip, "Too many attempts from this network. Try again in");
    const [outcome, triesLeft] = await this.redis.otpAttempt(
      codeKey(subject),
      this.hash(subject, code),
      OTP_POLICY.maxAttempts,
    );
    switch (outcome) {
      case "OK":
        return;
      case "EXPIRED":
        throw new OtpError("EXPIRED", "This code has expired or was already used. Ask for a new one.");
      case "EXHAUSTED":
        throw new OtpError("EXHAUSTED", "Too many wrong codes. Ask for a new one.");
      case "WRONG":
        throw new OtpError(
          "WRONG_CODE",
          `That code isn't right. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left.`,
        );
    }
  }

  private hash(subject: OtpSubject, code: string): string {
    return createHmac("sha256", this.pepper)
      .update(`${bindingOf(subject)}:${code}`)
      .digest("hex");
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
