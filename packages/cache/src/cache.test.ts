import { randomUUID } from "node:crypto";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import { afterAll, describe, expect, it } from "vitest";
import type { OrderStatus } from "@tabletap/core";
import { activeTicketWindow, cacheKeys, cacheTags, createCache, trackTicket, untrackTickets } from "./index";

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
  /** A ticket after `changes` status changes (its history's length). */
  const ticket = (restaurantId: string, placedAt: string, status: OrderStatus = "placed", changes = 1) => ({
    id: randomUUID(),
    restaurantId,
    status,
    placedAt,
    statusHistory: Array.from({ length: changes }, () => ({ status, at: placedAt, reason: null })),
  });
  const changed = (t: ReturnType<typeof ticket>, status: OrderStatus) => ({
    ...t,
    status,
    statusHistory: [...t.statusHistory, { status, at: t.placedAt, reason: null }],
  });

  it("is built from the orders once, then follows every change", async () => {
    const restaurantId = randomUUID();
    const old = ticket(restaurantId, "2026-11-23T10:00:00Z");
    let rebuilds = 0;
    const rebuild = () => {
      rebuilds += 1;
      return Promise.resolve([old]);
    };
    const ids = async () => (await activeTicketWindow(redis, restaurantId, rebuild)).ids;
    expect(await ids()).toEqual([old.id]);

    const newer = ticket(restaurantId, "2026-11-23T10:05:00Z");
    await trackTicket(redis, newer);
    await trackTicket(redis, newer); // a repeated delivery changes nothing
    expect(new Set(await ids())).toEqual(new Set([old.id, newer.id]));

    await trackTicket(redis, changed(old, "served"));
    await untrackTickets(redis, restaurantId, [newer.id]);
    expect(await ids()).toEqual([]);
    expect(rebuilds).toBe(1);
  });

  it("never lets a late delivery of an older change put a finished ticket back", async () => {
    const restaurantId = randomUUID();
    const placed = ticket(restaurantId, "2026-11-23T10:00:00Z");
    const ready = changed(changed(changed(placed, "accepted"), "preparing"), "ready");
    const served = changed(ready, "served");
    await trackTicket(redis, served);
    await trackTicket(redis, ready); // delivered after the newer change
    expect((await activeTicketWindow(redis, restaurantId, () => Promise.resolve([ready]))).ids).toEqual([]);
  });

  it("past the limit shows every working ticket, then the newest waiting ones, and counts the rest", async () => {
    const restaurantId = randomUUID();
    const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, "0")}:00.000Z`;
    const waiting = Array.from({ length: 6 }, (_, i) =>
      ticket(restaurantId, at(10 + i), i % 2 ? "accepted" : "placed"),
    );
    const working = [ticket(restaurantId, at(1), "preparing", 3), ticket(restaurantId, at(2), "ready", 4)];
    for (const t of [...waiting, ...working]) await trackTicket(redis, t);
    const read = (limit: number) => activeTicketWindow(redis, restaurantId, () => Promise.resolve([]), limit);

    expect(await read(4)).toEqual({
      ids: [working[1]!.id, working[0]!.id, waiting[5]!.id, waiting[4]!.id],
      hidden: { count: 4, oldestPlacedAt: Date.parse(at(10)) },
    });
    expect(await read(8)).toMatchObject({ hidden: { count: 0, oldestPlacedAt: null } });
    // More working tickets than the limit: the newest of them, and the oldest hidden one is a working one.
    expect(await read(1)).toEqual({ ids: [working[1]!.id], hidden: { count: 7, oldestPlacedAt: Date.parse(at(1)) } });

    // A ticket moving from waiting to working changes lanes.
    await trackTicket(redis, changed(waiting[0]!, "preparing"));
    expect((await read(3)).ids).toEqual([waiting[0]!.id, working[1]!.id, working[0]!.id]);
  });
});
