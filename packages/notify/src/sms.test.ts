import { afterAll, describe, expect, it } from "vitest";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import {
  DEV_SMS_OUTBOX_KEY,
  DEV_SMS_OUTBOX_PER_RECIPIENT,
  DEV_SMS_OUTBOX_RECIPIENT_TTL_SECONDS,
  DevOutboxSmsSender,
  TwilioSmsSender,
  createSmsSender,
  notifyEnv,
  readDevOutbox,
} from "./index";
import type { DevSmsMessage } from "./index";

const { REDIS_URL } = redisEnvSchema.parse(process.env);
const redis = createRedis(REDIS_URL, { name: "notify-test" });
afterAll(() => redis.quit());

const testKey = () => `test:sms-outbox:${crypto.randomUUID()}`;

describe("DevOutboxSmsSender", () => {
  it("records messages in Redis and reads them back newest first", async () => {
    const key = testKey();
    const seen: DevSmsMessage[] = [];
    const sender = new DevOutboxSmsSender(redis, { key, onSend: (m) => seen.push(m) });
    const before = Date.now();
    const a = await sender.send("+919876543210", "first");
    const b = await sender.send("+14155550100", "second");
    expect(a.id).toMatch(/^dev-[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);

    const outbox = await readDevOutbox(redis, { limit: 50, key });
    expect(outbox.map(({ id, to, body }) => ({ id, to, body }))).toEqual([
      { id: b.id, to: "+14155550100", body: "second" },
      { id: a.id, to: "+919876543210", body: "first" },
    ]);
    for (const m of outbox) {
      expect(m.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(m.sentAt)).toBeGreaterThanOrEqual(before - 1);
    }
    expect(seen.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(await redis.ttl(key)).toBe(-1);
    await redis.del(key);
  });

  it("keeps each recipient's own messages, whatever the traffic to others", async () => {
    const key = testKey();
    const sender = new DevOutboxSmsSender(redis, { key });
    await sender.send("+919876543210", "your code is 123456");
    await Promise.all(Array.from({ length: 250 }, (_, i) => sender.send("+14155550100", `other ${i}`)));
    // The shared list only holds the newest 200: the first message is gone from it...
    expect((await readDevOutbox(redis, { limit: 1000, key })).some((m) => m.to === "+919876543210")).toBe(false);
    // ...but not from its recipient's own list, which expires a day after its last message.
    expect(await readDevOutbox(redis, { key, to: "+919876543210" })).toEqual([
      expect.objectContaining({ body: "your code is 123456" }),
    ]);
    expect(await readDevOutbox(redis, { key, to: "+14155550100" })).toHaveLength(DEV_SMS_OUTBOX_PER_RECIPIENT);
    expect(await redis.ttl(`${key}:to:+919876543210`)).toBeGreaterThan(DEV_SMS_OUTBOX_RECIPIENT_TTL_SECONDS - 60);
    await redis.del(key, `${key}:to:+919876543210`, `${key}:to:+14155550100`);
  });

  it("keeps only the newest 200 and honours the read limit", async () => {
    const key = testKey();
    const sender = new DevOutboxSmsSender(redis, { key });
    await Promise.all(Array.from({ length: 230 }, (_, i) => sender.send("+919876543210", `msg ${i}`)));
    expect(await redis.llen(key)).toBe(200);
    const newest = await readDevOutbox(redis, { limit: 3, key });
    expect(newest).toHaveLength(3);
    const all = await readDevOutbox(redis, { limit: 1000, key });
    expect(all).toHaveLength(200);
    // Sequential sends to be sure of the order.
    await sender.send("+919876543210", "last");
    expect((await readDevOutbox(redis, { limit: 1, key }))[0]!.body).toBe("last");
    expect(await readDevOutbox(redis, { limit: 0, key })).toEqual([]);
    await redis.del(key);
  });

  it("uses dev:sms-outbox by default", () => {
    expect(DEV_SMS_OUTBOX_KEY).toBe("dev:sms-outbox");
  });

  it("rejects recipients that are not E.164", async () => {
    const sender = new DevOutboxSmsSender(redis, { key: testKey() });
    await expect(sender.send("9876543210", "x")).rejects.toThrow(RangeError);
    await expect(sender.send("+0123456789", "x")).rejects.toThrow(RangeError);
  });
});

describe("createSmsSender", () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: "AC" + "0".repeat(32),
    TWILIO_AUTH_TOKEN: "secret",
    TWILIO_FROM_NUMBER: "+15005550006",
  };

  it("uses Twilio when all three variables are set", () => {
    expect(createSmsSender(notifyEnv({ ...twilio, NODE_ENV: "production" }), redis)).toBeInstanceOf(TwilioSmsSender);
    expect(createSmsSender(notifyEnv(twilio), redis)).toBeInstanceOf(TwilioSmsSender);
  });

  it("falls back to the dev outbox outside production (empty values count as unset)", () => {
    expect(createSmsSender(notifyEnv({}), redis)).toBeInstanceOf(DevOutboxSmsSender);
    const env = notifyEnv({ NODE_ENV: "test", TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "x" });
    expect(createSmsSender(env, redis)).toBeInstanceOf(DevOutboxSmsSender);
  });

  it("refuses production without Twilio, naming the missing variables", () => {
    expect(() => createSmsSender(notifyEnv({ NODE_ENV: "production" }), redis)).toThrow(
      /TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER/,
    );
    const partial = notifyEnv({ NODE_ENV: "production", TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID });
    let message = "";
    try {
      createSmsSender(partial, redis);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/set TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER \(Twilio\)/);
    expect(message).not.toMatch(/TWILIO_ACCOUNT_SID/);
  });
});

describe("TwilioSmsSender", () => {
  // Twilio has no local stand-in: record the HTTP request the real SDK builds instead of sending it.
  function recordingSender(from: string) {
    const requests: { method?: string; uri?: string; data?: Record<string, unknown>; username?: string }[] = [];
    const httpClient = {
      request(opts: (typeof requests)[number]) {
        requests.push(opts);
        return Promise.resolve({
          statusCode: 201,
          headers: {},
          body: { sid: "SM" + "a".repeat(32), status: "queued", to: opts.data?.To },
        });
      },
    };
    const sender = new TwilioSmsSender({
      accountSid: "AC" + "1".repeat(32),
      authToken: "token",
      from,
      clientOptions: { httpClient: httpClient as never },
    });
    return { sender, requests };
  }

  it("creates a message with To, From and Body and returns the SID", async () => {
    const { sender, requests } = recordingSender("+15005550006");
    const result = await sender.send("+919876543210", "123456 is your Tabletap code.");
    expect(result).toEqual({ id: "SM" + "a".repeat(32) });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe("post");
    expect(requests[0]!.uri).toBe(`https://api.twilio.com/2010-04-01/Accounts/AC${"1".repeat(32)}/Messages.json`);
    expect(requests[0]!.data).toMatchObject({
      To: "+919876543210",
      From: "+15005550006",
      Body: "123456 is your Tabletap code.",
    });
  });

  it("sends through a Messaging Service when the sender is an MG SID", async () => {
    const { sender, requests } = recordingSender("MG" + "2".repeat(32));
    await sender.send("+919876543210", "hi");
    expect(requests[0]!.data).toMatchObject({ MessagingServiceSid: "MG" + "2".repeat(32) });
    expect(requests[0]!.data).not.toHaveProperty("From");
  });
});
