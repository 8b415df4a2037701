import { randomUUID } from "node:crypto";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, describe, expect, it } from "vitest";
import { activeTicketIds, cacheKeys, cacheTags, createCache, trackTicket, untrackTickets } from "./index";

const { REDIS_URL } = redisEnvSchema.parse(process.env);
const redis = createRedis(REDIS_URL);
/** Two processes' caches (an API instance and another), each with its own memory layer. */
const one = createCache({ redisUrl: REDIS_URL, name: "test-one" });
const two = createCache({ redisUrl: REDIS_URL, name: "test-two" });
afterAll(async () => {
  await Promise.all([one.disconnect(), two.disconnect()]);
  await redis.quit();
});

describe("the cache", () => {
  it("loads a missing value once for concurrent readers (stampede protection)", async () => {
    const key = cacheKeys.menu(randomUUID());
    let loads = 0;
    const factory = async () => {
      loads += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return { version: loads };
    };
    const values = await Promise.all(Array.from({ length: 50 }, () => one.getOrSet({ key, factory })));
    expect(loads).toBe(1);
    expect(new Set(values.map((v) => v.version))).toEqual(new Set([1]));
  });

  it("drops a restaurant's entries in every process when one deletes its tag", async () => {
    const restaurantId = randomUUID();
    const key = cacheKeys.menu(restaurantId);
    const tags = [cacheTags.restaurant(restaurantId)];
    await one.getOrSet({ key, tags, factory: () => ({ price: 100 }) });
    // The other process reads it from Redis into its own memory.
    expect(await two.getOrSet({ key, tags, factory: () => ({ price: -1 }) })).toEqual({ price: 100 });

    await one.deleteByTag({ tags });
    await expect
      .poll(() => two.getOrSet({ key, tags, factory: () => ({ price: 120 }) }), { timeout: 5_000 })
      .toEqual({ price: 120 });
  });
});

describe("a cache's connections", () => {
  it("are all closed by disconnect", async () => {
    const name = `test-${randomUUID().slice(0, 8)}`;
    const openConnections = async () => {
      const list = (await redis.call("CLIENT", "LIST")) as string;
      return list.split("\n").filter((line) => line.includes(` name=${name}-`)).length;
    };
    const cache = createCache({ redisUrl: REDIS_URL, name });
    await cache.deleteByTag({ tags: [cacheTags.restaurant(randomUUID())] });
    await expect.poll(openConnections, { message: "the cache is connected" }).toBeGreaterThan(0);
    await cache.disconnect();
    await expect.poll(openConnections, { message: "no connection of the cache is left open" }).toBe(0);
  });
});

describe("the active-ticket index", () => {
  const ticket = (restaurantId: string, placedAt: string) => ({
    id: randomUUID(),
    restaurantId,
    status: "placed" as const,
    placedAt,
  });

  it("is built from the orders once, then follows every change, oldest ticket first", async () => {
    const restaurantId = randomUUID();
    const old = ticket(restaurantId, "2026-11-23T10:00:00Z");
    let rebuilds = 0;
    const rebuild = () => {
      rebuilds += 1;
      return Promise.resolve([old]);
    };
    expect(await activeTicketIds(redis, restaurantId, rebuild)).toEqual([old.id]);

    const newer = ticket(restaurantId, "2026-11-23T10:05:00Z");
    await trackTicket(redis, newer);
    await trackTicket(redis, newer); // a repeated delivery changes nothing
    expect(await activeTicketIds(redis, restaurantId, rebuild)).toEqual([old.id, newer.id]);

    await trackTicket(redis, { ...old, status: "served" });
    await untrackTickets(redis, restaurantId, [newer.id]);
    expect(await activeTicketIds(redis, restaurantId, rebuild)).toEqual([]);
    expect(rebuilds).toBe(1);
  });
});
