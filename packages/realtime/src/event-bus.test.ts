import { POLL_TIMEOUT_MS } from "@tabletap/vitest-config";
import { afterEach, describe, expect, it } from "vitest";
import { createRedis, redisEnvSchema } from "@tabletap/redis";
import type { Redis } from "@tabletap/redis";
import { createEventBus, streamKey } from "./index";
import type { BusEvent } from "./index";

const { REDIS_URL } = redisEnvSchema.parse(process.env);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch(() => {
      // Best effort: a connection that is already closed needs no closing.
    });
  }
});

/** A "process": its own command connection and its own bus (with a lazily created subscriber). */
function startProcess(name: string, opts: { maxBuffered?: number; onOverflow?: (channel: string) => void } = {}) {
  const tag = `${name}-${crypto.randomUUID().slice(0, 8)}`;
  const redis = createRedis(REDIS_URL, { name: tag });
  const subscriberName = `${tag}-sub`;
  let subscriber: Redis | null = null;
  const bus = createEventBus({
    redis,
    createSubscriber: () => (subscriber = createRedis(REDIS_URL, { name: subscriberName })),
    ...opts,
  });
  cleanups.push(
    () => redis.quit(),
    () => bus.close(),
  );
  return { redis, bus, subscriberName, getSubscriber: () => subscriber };
}

const randomChannel = () => `test:${crypto.randomUUID()}`;

/** Pulls the next event, failing the test (after the poll bound) instead of hanging. */
async function nextWithin<T>(
  gen: AsyncGenerator<BusEvent<T>>,
  ms = POLL_TIMEOUT_MS,
): Promise<IteratorResult<BusEvent<T>>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      gen.next(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function take<T>(gen: AsyncGenerator<BusEvent<T>>, n: number): Promise<BusEvent<T>[]> {
  const out: BusEvent<T>[] = [];
  while (out.length < n) {
    const r = await nextWithin(gen);
    if (r.done) throw new Error("generator ended early");
    out.push(r.value);
  }
  return out;
}

/** Resolves once `count` connections are subscribed to the channel (a pending first next() subscribes). */
async function waitForSubscribers(redis: Redis, channel: string, count: number) {
  const subscribers = async () => Number(((await redis.pubsub("NUMSUB", streamKey(channel))) as [string, number])[1]);
  await expect.poll(subscribers, { message: `${count} subscriber(s) on ${channel}` }).toBe(count);
}

describe("event bus", () => {
  it("delivers events published by one process to another process's subscriber", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const gen = b.bus.subscribe<{ n: number }>(channel);
    const pending = take(gen, 3);
    await waitForSubscribers(a.redis, channel, 1);

    const ids = [];
    for (let n = 1; n <= 3; n++) ids.push(await a.bus.publish(channel, { n }));
    const received = await pending;
    expect(received).toEqual(ids.map((id, i) => ({ id, payload: { n: i + 1 } })));
    await gen.return();
  });

  it("stores each event in a capped, expiring stream and returns its stream id", async () => {
    const a = startProcess("a");
    const channel = randomChannel();
    const id = await a.bus.publish(channel, { hello: "world" });
    expect(id).toMatch(/^\d+-\d+$/);
    const entries = await a.redis.xrange(streamKey(channel), "-", "+");
    expect(entries).toEqual([[id, ["payload", JSON.stringify({ hello: "world" })]]]);
    const ttl = await a.redis.ttl(streamKey(channel));
    expect(ttl).toBeGreaterThan(86_000);
    await expect(a.bus.publish(channel, undefined)).rejects.toThrow(TypeError);
  });

  it("resumes from lastEventId: the missed events exactly once, in order, then live ones", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const first = await a.bus.publish(channel, { n: 1 });
    const missed = [await a.bus.publish(channel, { n: 2 }), await a.bus.publish(channel, { n: 3 })];

    const gen = b.bus.subscribe<{ n: number }>(channel, { lastEventId: first });
    const backfilled = await take(gen, 2);
    expect(backfilled).toEqual([
      { id: missed[0], payload: { n: 2 } },
      { id: missed[1], payload: { n: 3 } },
    ]);
    const live = take(gen, 2);
    const liveIds = [await a.bus.publish(channel, { n: 4 }), await a.bus.publish(channel, { n: 5 })];
    expect(await live).toEqual([
      { id: liveIds[0], payload: { n: 4 } },
      { id: liveIds[1], payload: { n: 5 } },
    ]);
    await gen.return();
  });

  it("misses nothing published while it is subscribing, and yields nothing twice", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const base = await a.bus.publish(channel, { n: 0 });
    const gen = b.bus.subscribe<{ n: number }>(channel, { lastEventId: base });
    // Publish continuously while the subscription is being set up (live buffer and backfill overlap).
    const publishing = (async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 60; n++) ids.push(await a.bus.publish(channel, { n }));
      return ids;
    })();
    const received = await take(gen, 60);
    const ids = await publishing;
    expect(received.map((e) => e.id)).toEqual(ids);
    expect(received.map((e) => e.payload.n)).toEqual(ids.map((_, i) => i + 1));
    await gen.return();
  });

  it("keeps stream order with concurrent publishers in different processes", async () => {
    const a = startProcess("a");
    const c = startProcess("c");
    const b = startProcess("b");
    const channel = randomChannel();
    const gen = b.bus.subscribe<{ from: string; n: number }>(channel);
    const pending = take(gen, 100);
    await waitForSubscribers(b.redis, channel, 1);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) => [
        a.bus.publish(channel, { from: "a", n }),
        c.bus.publish(channel, { from: "c", n }),
      ]).flat(),
    );
    const received = await pending;
    const stream = await b.redis.xrange(streamKey(channel), "-", "+");
    expect(received.map((e) => e.id)).toEqual(stream.map(([id]) => id));
    await gen.return();
  });

  it("starts live only when lastEventId is missing or not a stream id Redis accepts", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    await a.bus.publish(channel, { n: 1 });
    for (const lastEventId of [undefined, null, "garbage", "123", "99999999999999999999-0"]) {
      const gen = b.bus.subscribe<{ n: number }>(channel, { lastEventId });
      const pending = nextWithin(gen);
      await waitForSubscribers(a.redis, channel, 1);
      const id = await a.bus.publish(channel, { n: 2 });
      expect((await pending).value).toEqual({ id, payload: { n: 2 } });
      await gen.return();
      await waitForSubscribers(a.redis, channel, 0);
    }
  });

  it("shares one subscriber connection, reference-counts channels and ends on abort", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const other = randomChannel();
    const ac1 = new AbortController();
    const ac2 = new AbortController();
    const ac3 = new AbortController();
    const g1 = b.bus.subscribe(channel, { signal: ac1.signal });
    const g2 = b.bus.subscribe(channel, { signal: ac2.signal });
    const g3 = b.bus.subscribe(other, { signal: ac3.signal });
    const p1 = g1.next();
    const p2 = g2.next();
    const p3 = g3.next();
    await waitForSubscribers(a.redis, channel, 1);
    await waitForSubscribers(a.redis, other, 1);
    const sub = b.getSubscriber()!;
    expect(sub.listenerCount("message")).toBe(1);
    const clients = (await a.redis.client("LIST")) as string;
    expect(clients.split("\n").filter((l) => l.includes(`name=${b.subscriberName}`))).toHaveLength(1);

    ac1.abort();
    expect(await p1).toEqual({ done: true, value: undefined });
    // g2 still holds the channel.
    const id = await a.bus.publish(channel, "still here");
    expect((await p2).value).toEqual({ id, payload: "still here" });
    ac2.abort();
    expect(await nextWithin(g2)).toEqual({ done: true, value: undefined });
    await waitForSubscribers(a.redis, channel, 0);
    await waitForSubscribers(a.redis, other, 1);

    ac3.abort();
    expect(await p3).toEqual({ done: true, value: undefined });
    await waitForSubscribers(a.redis, other, 0);
    expect(sub.listenerCount("message")).toBe(1);

    // An already aborted signal yields nothing.
    const done = b.bus.subscribe(channel, { signal: AbortSignal.abort() });
    expect(await done.next()).toEqual({ done: true, value: undefined });
  });

  it("serves 500 subscriptions of a channel with one Redis subscription and one listener", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const controller = new AbortController();
    const gens = Array.from({ length: 500 }, () =>
      b.bus.subscribe<{ n: number }>(channel, { signal: controller.signal }),
    );
    const firsts = gens.map((gen) => nextWithin(gen));
    await waitForSubscribers(a.redis, channel, 1);
    const id = await a.bus.publish(channel, { n: 1 });
    const received = await Promise.all(firsts);
    expect(received.map((r) => (r.done ? undefined : r.value.id))).toEqual(gens.map(() => id));
    await waitForSubscribers(a.redis, channel, 1);
    expect(b.getSubscriber()!.listenerCount("message")).toBe(1);
    const clients = (await a.redis.client("LIST")) as string;
    const subscriberLine = clients.split("\n").find((l) => l.includes(`name=${b.subscriberName}`))!;
    expect(subscriberLine).toMatch(/\bsub=1\b/);

    controller.abort();
    const ends = await Promise.all(gens.map((gen) => nextWithin(gen)));
    expect(ends.every((r) => r.done)).toBe(true);
    await waitForSubscribers(a.redis, channel, 0);
  });

  it("unsubscribes when the consumer stops iterating", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const seen: unknown[] = [];
    const consuming = (async () => {
      for await (const ev of b.bus.subscribe(channel)) {
        seen.push(ev.payload);
        if (seen.length === 2) break;
      }
    })();
    await waitForSubscribers(a.redis, channel, 1);
    await a.bus.publish(channel, 1);
    await a.bus.publish(channel, 2);
    await consuming;
    expect(seen).toEqual([1, 2]);
    await waitForSubscribers(a.redis, channel, 0);
  });

  it("catches up from the stream after the subscriber connection drops", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const gen = b.bus.subscribe<{ n: number }>(channel);
    const first = nextWithin(gen);
    await waitForSubscribers(a.redis, channel, 1);
    const id1 = await a.bus.publish(channel, { n: 1 });
    expect((await first).value).toEqual({ id: id1, payload: { n: 1 } });

    // Kill the subscriber's connection, publish while it is down, and expect the gap to be filled.
    const sub = b.getSubscriber()!;
    const reconnected = new Promise((r) => sub.once("ready", r));
    const list = (await a.redis.client("LIST")) as string;
    const line = list.split("\n").find((l) => l.includes(`name=${b.subscriberName}`))!;
    const clientId = /\bid=(\d+)/.exec(line)![1]!;
    await a.redis.client("KILL", "ID", clientId);
    const gap = [await a.bus.publish(channel, { n: 2 }), await a.bus.publish(channel, { n: 3 })];
    await reconnected;
    const rest = take(gen, 3);
    await waitForSubscribers(a.redis, channel, 1);
    const live = await a.bus.publish(channel, { n: 4 });
    expect((await rest).map((e) => e.id)).toEqual([...gap, live]);
    await gen.return();
  });

  it("catches up from the stream when a slow consumer overflows its buffer", async () => {
    const a = startProcess("a");
    const overflowed: string[] = [];
    const b = startProcess("b", { maxBuffered: 5, onOverflow: (channel) => overflowed.push(channel) });
    const channel = randomChannel();
    const gen = b.bus.subscribe<{ n: number }>(channel);
    const first = nextWithin(gen);
    await waitForSubscribers(a.redis, channel, 1);
    const ids = [await a.bus.publish(channel, { n: 0 })];
    await first;
    // Nobody pulls while 20 more arrive: the buffer of 5 overflows (at least once).
    for (let n = 1; n <= 20; n++) ids.push(await a.bus.publish(channel, { n }));
    await expect.poll(() => overflowed, { message: "the slow subscription's buffer overflows" }).toContain(channel);
    const rest = await take(gen, 20);
    expect(rest.map((e) => e.id)).toEqual(ids.slice(1));
    await gen.return();
  });

  it("ends open subscriptions on close and refuses new ones", async () => {
    const a = startProcess("a");
    const b = startProcess("b");
    const channel = randomChannel();
    const gen = b.bus.subscribe(channel);
    const pending = gen.next();
    await waitForSubscribers(a.redis, channel, 1);
    await b.bus.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    await expect(b.bus.subscribe("x").next()).rejects.toThrow(/closed/);
  });
});
