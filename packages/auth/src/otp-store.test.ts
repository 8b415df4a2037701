import { randomInt } from "node:crypto";
import { OTP_POLICY } from "@tabletap/core/otp";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, describe, expect, it } from "vitest";
import { OtpError, OtpStore, type OtpSubject } from "./otp-store";

const redis = createRedis(redisEnvSchema.parse(process.env).REDIS_URL);
const store = new OtpStore(redis, "test-pepper-".repeat(3));
afterAll(() => redis.quit());

const randomPhone = () => `+919${randomInt(100_000_000, 999_999_999)}`;
const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const signIn = (phone: string): OtpSubject => ({ purpose: "sign-in", phone });
const wrongFor = (code: string) => (code === "000000" ? "111111" : "000000");

/** How each verification ended: "ok" or the OtpError code. */
async function outcomes(attempts: Promise<void>[]): Promise<string[]> {
  const settled = await Promise.allSettled(attempts);
  return settled.map((result) => {
    if (result.status === "fulfilled") return "ok";
    if (result.reason instanceof OtpError) return result.reason.code;
    throw result.reason;
  });
}
/** Verifications that were compared with the code (the rest found it already spent). */
const compared = (results: string[]) => results.filter((r) => r !== "EXPIRED");

describe("OtpStore.verify under concurrency", () => {
  it("compares at most 3 guesses per code, however many arrive at once", async () => {
    const subject = signIn(randomPhone());
    const ip = randomIp();
    const { code } = await store.issue(subject, "sms", ip);
    const results = await outcomes([
      ...Array.from({ length: 24 }, () => store.verify(subject, wrongFor(code), ip)),
      store.verify(subject, code, ip),
    ]);
    expect(compared(results)).toHaveLength(OTP_POLICY.maxAttempts);
    expect(results.filter((r) => r === "EXHAUSTED")).toHaveLength(1);
    expect(results.at(-1), "the right code after the code was burnt").toBe("EXPIRED");
    // And it stays burnt.
    await expect(store.verify(subject, code, randomIp())).rejects.toMatchObject({ code: "EXPIRED" });
  });

  it("lets the right code sign in once, however many times it arrives at once", async () => {
    const subject = signIn(randomPhone());
    const { code } = await store.issue(subject, "sms", randomIp());
    const results = await outcomes(Array.from({ length: 10 }, () => store.verify(subject, code, randomIp())));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "EXPIRED")).toHaveLength(9);
  });
});

describe("OtpStore codes by channel", () => {
  it("replaces a texted sign-in code with an emailed one at once, and accepts only the newest", async () => {
    const subject = signIn(randomPhone());
    const texted = await store.issue(subject, "sms", randomIp());
    await expect(store.issue(subject, "sms", randomIp())).rejects.toMatchObject({ code: "COOLDOWN" });
    const emailed = await store.issue(subject, "email", randomIp());
    await expect(store.issue(subject, "email", randomIp())).rejects.toMatchObject({ code: "COOLDOWN" });
    if (texted.code !== emailed.code) {
      await expect(store.verify(subject, texted.code, randomIp())).rejects.toMatchObject({ code: "WRONG_CODE" });
    }
    await expect(store.verify(subject, emailed.code, randomIp())).resolves.toBeUndefined();
  });

  it("binds an email-verification code to its address and its guest", async () => {
    const customerId = crypto.randomUUID();
    const asha = { purpose: "verify-email", customerId, email: "asha@example.com" } as const;
    const { code } = await store.issue(asha, "email", randomIp());
    await expect(
      store.verify({ ...asha, email: "attacker@example.com" }, code, randomIp()),
      "the code for another address",
    ).rejects.toMatchObject({ code: "WRONG_CODE" });
    await expect(
      store.verify({ ...asha, customerId: crypto.randomUUID() }, code, randomIp()),
      "another guest with the code",
    ).rejects.toMatchObject({ code: "EXPIRED" });
    await expect(store.verify(asha, code, randomIp())).resolves.toBeUndefined();
  });
});

describe("OtpStore SMS-pumping cap", () => {
  it("stops texting a run of numbers that differ only in their last 4 digits, from any network", async () => {
    const block = `+919${randomInt(10_000, 99_999)}`;
    const numbers = Array.from({ length: OTP_POLICY.smsPerNumberPrefixPerHour + 1 }, (_, i) => `${block}${1000 + i}`);
    for (const phone of numbers.slice(0, -1)) await store.issue(signIn(phone), "sms", randomIp());
    await expect(store.issue(signIn(numbers.at(-1)!), "sms", randomIp())).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Too many codes sent to numbers like this one/),
    });
    // Another block, and an emailed code (no text), are not held up.
    await expect(
      store.issue(signIn(`+918${randomInt(100_000_000, 999_999_999)}`), "sms", randomIp()),
    ).resolves.toBeDefined();
    await expect(store.issue(signIn(numbers.at(-1)!), "email", randomIp())).resolves.toBeDefined();
  });
});
