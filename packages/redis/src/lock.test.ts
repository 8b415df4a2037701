import { afterAll, describe, expect, it } from "vitest";
import { createRedis, redisEnv, withLock } from "./index";

const redis = createRedis(redisEnv().REDIS_URL);
afterAll(() => redis.quit());

describe("withLock", () => {
  it("serialises concurrent read-modify-write sections on one resource", async () => {
    const resource = `test:${crypto.randomUUID()}`;
    let value = 0;
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withLock(redis, resource, async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          const read = value;
          await new Promise((resolve) => setTimeout(resolve, 2));
          value = read + 1;
          inside -= 1;
        }),
      ),
    );
    expect(value).toBe(20);
    expect(maxInside).toBe(1);
  });

  it("releases the lock when the section throws", async () => {
    const resource = `test:${crypto.randomUUID()}`;
    await expect(withLock(redis, resource, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(withLock(redis, resource, () => Promise.resolve("again"))).resolves.toBe("again");
  });
});
