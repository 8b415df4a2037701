import { afterEach, describe, expect, it } from "vitest";
import { createRedis, redisEnv } from "./index";
import type { Redis } from "./index";

const { REDIS_URL } = redisEnv();
const clients: Redis[] = [];
const track = (r: Redis) => (clients.push(r), r);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
});

describe("redisEnv", () => {
  it("defaults REDIS_URL to the local server", () => {
    expect(redisEnv({}).REDIS_URL).toBe("redis://127.0.0.1:6379");
  });
  it("accepts redis:// and rediss:// and rejects other schemes", () => {
    expect(redisEnv({ REDIS_URL: "rediss://u:p@cache.example.com:6380/2" }).REDIS_URL).toContain("rediss://");
    expect(() => redisEnv({ REDIS_URL: "http://localhost:6379" })).toThrow();
    expect(() => redisEnv({ REDIS_URL: "not a url" })).toThrow();
  });
});

describe("createRedis", () => {
  it("connects, names the connection and runs commands", async () => {
    const name = `test-${crypto.randomUUID()}`;
    const redis = track(createRedis(REDIS_URL, { name }));
    expect(await redis.ping()).toBe("PONG");
    expect(await redis.client("GETNAME")).toBe(name);
    const key = `test:redis:${crypto.randomUUID()}`;
    await redis.set(key, "1", "EX", 10);
    expect(await redis.get(key)).toBe("1");
  });

  it("auto-pipelines concurrent commands", async () => {
    const redis = track(createRedis(REDIS_URL));
    const key = `test:redis:${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => redis.incr(key)));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await redis.del(key);
  });

  it("does not connect until used when lazyConnect is set", async () => {
    const redis = track(createRedis(REDIS_URL, { lazyConnect: true }));
    expect(redis.status).toBe("wait");
    expect(await redis.ping()).toBe("PONG");
    expect(redis.status).toBe("ready");
  });

  it("fails commands instead of hanging when Redis is unreachable", async () => {
    const redis = track(createRedis("redis://127.0.0.1:1", { lazyConnect: true }));
    redis.on("error", () => {
      // Expected: the connection is refused; without a listener ioredis would log it.
    });
    await expect(redis.ping()).rejects.toThrow();
  }, 20_000);
});
