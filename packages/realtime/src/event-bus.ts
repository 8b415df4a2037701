import type { Redis } from "ioredis";
import { compareEventIds, isEventId } from "@tabletap/core/event-id";

/** One event as subscribers receive it: `id` is the Redis stream entry id ("ms-seq"). */
export interface BusEvent<T> {
  id: string;
  payload: T;
}

export interface SubscribeOptions {
  /**
   * The id of the last event the client saw (tRPC passes it as `lastEventId` when an SSE
   * stream reconnects). Events after it (exclusive) still in the stream are yielded first.
   * Null, undefined or a string that is not a stream id: start with events published from
   * now on.
   */
  lastEventId?: string | null;
  /** Ends the subscription: the generator returns and the channel is unsubscribed. */
  signal?: AbortSignal;
}

export interface EventBus {
  /**
   * Appends `payload` (any JSON-serialisable value) to the channel's stream and publishes it to
   * live subscribers, atomically (one Lua script: XADD then PUBLISH, so live subscribers see
   * events in stream order even with concurrent publishers). Resolves to the event id.
   * Rejects with a TypeError when the payload does not serialise to JSON, or with the Redis
   * error when Redis is unreachable.
   */
  publish(channel: string, payload: unknown): Promise<string>;
  /**
   * Yields the channel's events in order, each exactly once: first the ones after
   * `lastEventId` kept in the stream, then live ones. Nothing published after the call is
   * missed, also across a reconnect of the subscriber connection (the gap is read back from
   * the stream). Ends when `signal` aborts, the consumer stops iterating (`return()` /
   * `break`), or the bus is closed. Payloads are parsed JSON typed as `T` (not validated).
   * Throws when the bus is closed before it starts or when Redis is unreachable at start.
   *
   * Cost: all subscriptions of a channel in this process share one Redis SUBSCRIBE on the bus's
   * one subscriber connection (sent with the first, UNSUBSCRIBE after the last ends), and one
   * `message` listener dispatches to them by channel; an open subscription takes about 2.6 KB
   * of heap (3.3 KB when it is its channel's only one).
   */
  subscribe<T>(channel: string, opts?: SubscribeOptions): AsyncGenerator<BusEvent<T>, void, undefined>;
  /** Ends all subscriptions and closes the subscriber connection. Does not close `redis`. */
  close(): Promise<void>;
}

export interface CreateEventBusOptions {
  /** Connection for XADD/XRANGE/PUBLISH. Owned by the caller (the bus never closes it). */
  redis: Redis;
  /**
   * Creates the bus's subscriber connection (a connection in subscribe mode can run nothing
   * else). Called lazily, at most once, on the first `subscribe`; the bus owns and closes it.
   */
  createSubscriber: () => Redis;
  /** Approximate number of events kept per channel for resumption. Default 500. */
  maxLen?: number;
  /** A channel's stream expires this many seconds after its last event; 0 = never. Default 86 400 (1 day). */
  streamTtlSeconds?: number;
  /**
   * Live events buffered per subscription while its consumer is slow; beyond this the buffer is
   * dropped and the subscription catches up from the stream instead. Default 1000.
   */
  maxBuffered?: number;
  /**
   * Called (with the channel) each time a slow subscription's buffer overflows and it switches
   * to catching up from the stream: a sign of consumers that can't keep up, worth a log line.
   */
  onOverflow?: (channel: string) => void;
}

/** Key of the channel's stream and its pub/sub channel. */
const STREAM_PREFIX = "rt:";
export const streamKey = (channel: string) => `${STREAM_PREFIX}${channel}`;

const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'payload', ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
redis.call('PUBLISH', KEYS[1], '{"id":"' .. id .. '","payload":' .. ARGV[2] .. '}')
return id
`;

const BACKFILL_PAGE = 200;

interface Listener {
  buffer: BusEvent<unknown>[];
  /** Set when live messages may have been missed: read the stream from the last yielded id. */
  resync: boolean;
  wake: () => void;
}

interface ChannelSubscription {
  listeners: Set<Listener>;
  ready: Promise<unknown>;
}

/** Does nothing: the `wake` of a listener nobody waits on, and the catch of failures that need no handling. */
const noop = () => undefined;

function decodeEntry(fields: string[]): { ok: true; value: unknown } | { ok: false } {
  const i = fields.indexOf("payload");
  if (i < 0 || i % 2 !== 0 || fields[i + 1] === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(fields[i + 1]!) };
  } catch {
    return { ok: false };
  }
}

/**
 * Creates an event bus on Redis: each channel is a capped stream (history for resumption) plus
 * a pub/sub channel (live delivery), both named `rt:<channel>`. Any number of processes can
 * publish and subscribe. Use it in a tRPC subscription:
 *
 * ```ts
 * async function* ({ input, signal }) {
 *   for await (const ev of bus.subscribe<OrderView>(channels.order(input.orderId), { lastEventId: input.lastEventId, signal }))
 *     yield tracked(ev.id, ev.payload);
 * }
 * ```
 */
export function createEventBus(options: CreateEventBusOptions): EventBus {
  const { redis, createSubscriber } = options;
  const maxLen = options.maxLen ?? 500;
  const ttl = options.streamTtlSeconds ?? 86_400;
  const maxBuffered = options.maxBuffered ?? 1000;

  const channelSubs = new Map<string, ChannelSubscription>();
  const allListeners = new Set<Listener>();
  let subscriber: Redis | null = null;
  let closed = false;

  function getSubscriber(): Redis {
    if (subscriber) return subscriber;
    const sub = createSubscriber();
    subscriber = sub;
    sub.on("message", (key: string, raw: string) => {
      const entry = channelSubs.get(key);
      if (!entry) return;
      let event: BusEvent<unknown>;
      try {
        const parsed = JSON.parse(raw) as { id?: unknown; payload?: unknown };
        if (!isEventId(parsed.id)) return;
        event = { id: parsed.id, payload: parsed.payload };
      } catch {
        return;
      }
      for (const l of entry.listeners) {
        if (l.buffer.length >= maxBuffered) {
          l.buffer.length = 0;
          l.resync = true;
          options.onOverflow?.(key.slice(STREAM_PREFIX.length));
        } else {
          l.buffer.push(event);
        }
        l.wake();
      }
    });
    // After a reconnect ioredis resubscribes by itself; subscribe again and wait for the
    // confirmation so that the catch-up read cannot run before the subscription is live.
    let connected = sub.status === "ready";
    sub.on("ready", () => {
      if (!connected) {
        connected = true;
        return;
      }
      const keys = [...channelSubs.keys()];
      if (keys.length === 0 || closed) return;
      sub.subscribe(...keys).then(() => {
        for (const key of keys) {
          for (const l of channelSubs.get(key)?.listeners ?? []) {
            l.resync = true;
            l.wake();
          }
        }
      }, noop);
    });
    return sub;
  }

  async function attach(key: string, listener: Listener): Promise<void> {
    let entry = channelSubs.get(key);
    if (!entry) {
      entry = { listeners: new Set(), ready: getSubscriber().subscribe(key) };
      channelSubs.set(key, entry);
    }
    entry.listeners.add(listener);
    allListeners.add(listener);
    try {
      await entry.ready;
    } catch (err) {
      detach(key, listener);
      throw err;
    }
  }

  function detach(key: string, listener: Listener): void {
    allListeners.delete(listener);
    const entry = channelSubs.get(key);
    if (!entry || !entry.listeners.delete(listener) || entry.listeners.size > 0) return;
    channelSubs.delete(key);
    if (!closed && subscriber) subscriber.unsubscribe(key).catch(noop);
  }

  /** Id of the newest entry in the stream, "0-0" when empty. */
  async function newestId(key: string): Promise<string> {
    const [top] = await redis.xrevrange(key, "+", "-", "COUNT", 1);
    return top?.[0] ?? "0-0";
  }

  async function publish(channel: string, payload: unknown): Promise<string> {
    const json = JSON.stringify(payload) as string | undefined;
    if (json === undefined) throw new TypeError("Event payload must be JSON-serialisable");
    const id = await redis.eval(PUBLISH_SCRIPT, 1, streamKey(channel), maxLen, json, ttl);
    return String(id);
  }

  async function* subscribe<T>(
    channel: string,
    opts: SubscribeOptions = {},
  ): AsyncGenerator<BusEvent<T>, void, undefined> {
    const { signal } = opts;
    if (closed) throw new Error("EventBus is closed");
    if (signal?.aborted) return;
    const key = streamKey(channel);
    const listener: Listener = { buffer: [], resync: true, wake: noop };
    const onAbort = () => listener.wake();
    const stopped = () => closed || signal?.aborted === true;

    // Resume point: the client's last event, or the stream's head taken *before* subscribing,
    // so whatever is published between here and the live subscription is read back below.
    let last = isEventId(opts.lastEventId) ? opts.lastEventId : await newestId(key);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await attach(key, listener);
      while (!stopped()) {
        if (listener.resync) {
          listener.resync = false;
          let from = last;
          for (;;) {
            const page = await redis.xrange(key, `(${from}`, "+", "COUNT", BACKFILL_PAGE);
            for (const [id, fields] of page) {
              if (stopped()) return;
              if (compareEventIds(id, last) <= 0) continue;
              last = id;
              const decoded = decodeEntry(fields);
              if (decoded.ok) yield { id, payload: decoded.value as T };
            }
            if (page.length < BACKFILL_PAGE) break;
            from = page[page.length - 1]![0];
          }
          continue;
        }
        const next = listener.buffer.shift();
        if (!next) {
          await new Promise<void>((resolve) => (listener.wake = resolve));
          listener.wake = noop;
          continue;
        }
        if (compareEventIds(next.id, last) <= 0) continue;
        last = next.id;
        yield next as BusEvent<T>;
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      detach(key, listener);
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const l of allListeners) l.wake();
    const sub = subscriber;
    subscriber = null;
    channelSubs.clear();
    if (sub) await sub.quit().catch(() => sub.disconnect());
  }

  return { publish, subscribe, close };
}
