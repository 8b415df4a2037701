import { randomUUID } from "node:crypto";
import { EMAIL_POLICY } from "@tabletap/core";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, describe, expect, it } from "vitest";
import { EmailLimitError, GuestEmailLimit } from "./index";

const redis = createRedis(redisEnvSchema.parse(process.env).REDIS_URL, { name: "notify-test" });
afterAll(() => redis.quit());

describe("GuestEmailLimit", () => {
  it("allows a guest EMAIL_POLICY.emailsPerGuestPerHour emails an hour, then refuses with the wait", async () => {
    const limit = new GuestEmailLimit(redis);
    const guest = randomUUID();
    for (let i = 0; i < EMAIL_POLICY.emailsPerGuestPerHour; i += 1) await limit.consume(guest);
    const refused = limit.consume(guest);
    await expect(refused).rejects.toBeInstanceOf(EmailLimitError);
    await expect(refused).rejects.toMatchObject({
      message: expect.stringMatching(/Try again in 60 minutes/),
      retryAfterSeconds: expect.any(Number),
    });
    // Another guest is not held up.
    await expect(limit.consume(randomUUID())).resolves.toBeUndefined();
  });
});
