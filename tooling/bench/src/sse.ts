/**
 * tRPC subscriptions over SSE, as `httpSubscriptionLink` opens them: `GET
 * /api/trpc/<procedure>?input=<JSON>` answered with `text/event-stream`. tRPC sends a
 * `connected` event first, `ping` events to keep the stream alive, and each emitted value as a
 * data event (no event name) whose `id` is the tracked event id.
 */
import type { EventSourceMessage } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { ServerResponse } from "node:http";
import { NO_COMPRESSION, quantile, startBareServer, type BareServer, type RecordedResponse } from "./load";
import { fmt } from "./report";

/** A data event and when it arrived (`performance.now()`, ms). */
interface StreamEvent {
  at: number;
  event: EventSourceMessage;
}

/** An open subscription: its data events so far (the caller may empty the array), and `close` to end it. */
export interface Stream {
  events: StreamEvent[];
  close(): void;
}

/** The path of a tRPC subscription with `input`. */
export function subscriptionPath(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/**
 * Opens a subscription at `baseUrl + path` with the session `cookie` and resolves once tRPC's
 * `connected` event has arrived (the server has subscribed). @throws Error on a non-2xx answer,
 * or when the stream ends or `timeoutMs` passes before it connects.
 */
export async function openStream(baseUrl: string, path: string, cookie: string, timeoutMs = 30_000): Promise<Stream> {
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new Error(`bench: ${path} did not connect in ${timeoutMs} ms`)),
    timeoutMs,
  );
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { ...NO_COMPRESSION, accept: "text/event-stream", cookie },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    abort.abort();
    throw new Error(`bench: ${path} answered ${res.status}`);
  }
  const stream: Stream = { events: [], close: () => abort.abort() };
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  const connected = new Promise<void>((resolve, reject) => {
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return reject(new Error(`bench: ${path} ended before it connected`));
          if (value.event === "connected") resolve();
          else if (value.event === undefined || value.event === "message")
            stream.events.push({ at: performance.now(), event: value });
        }
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
  try {
    await connected;
  } finally {
    clearTimeout(timer);
  }
  return stream;
}

/** Opens `count` streams, `concurrency` at a time (the server subscribes each to Redis as it opens). */
export async function openStreams(
  count: number,
  open: (index: number) => Promise<Stream>,
  concurrency = 20,
): Promise<Stream[]> {
  const streams: Stream[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => open(i + j));
    streams.push(...(await Promise.all(batch)));
  }
  return streams;
}

/**
 * Waits until every stream has a data event for which `matches` holds, polling every 5 ms for at
 * most `timeoutMs`, and returns for each stream the ms from `sentAt` to the first such event
 * (NaN for a stream that got none in time).
 */
export async function latencies(
  streams: Stream[],
  matches: (event: EventSourceMessage) => boolean,
  sentAt: number,
  timeoutMs = 15_000,
): Promise<number[]> {
  const arrival = () => streams.map((s) => s.events.find((e) => matches(e.event))?.at);
  const deadline = performance.now() + timeoutMs;
  let found = arrival();
  while (found.some((at) => at === undefined) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    found = arrival();
  }
  return found.map((at) => (at === undefined ? Number.NaN : at - sentAt));
}

/**
 * A bare SSE server for the baseline: each `GET` is held open as a stream (tRPC's `connected`
 * event written at once); each `POST` writes `event` (the bytes of one event as the app sent
 * it) to every open stream for which `route(postBody, streamUrl)` holds, then is answered with
 * `response`, the app's answer to the trigger.
 */
export async function startBareSse(
  response: RecordedResponse,
  event: EventSourceMessage,
  route: (postBody: string, streamUrl: string) => boolean,
): Promise<BareServer> {
  const open = new Set<{ url: string; res: ServerResponse }>();
  const bytes = `id: ${event.id ?? ""}\ndata: ${event.data}\n\n`;
  return startBareServer(response, (req, body, res) => {
    if (req.method === "GET") {
      const stream = { url: req.url ?? "", res };
      open.add(stream);
      res.on("close", () => open.delete(stream));
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("event: connected\ndata: {}\n\n");
      return true;
    }
    for (const stream of open) if (route(body, stream.url)) stream.res.write(bytes);
    return false;
  });
}

/**
 * The table cells of a set of event latencies (ms; NaN for an event that never arrived):
 * p50, p95, max, and how many never arrived.
 */
export function latencyCells(values: number[]): { p50: string; p95: string; max: string; missed: number } {
  return {
    p50: fmt(quantile(values, 0.5)),
    p95: fmt(quantile(values, 0.95)),
    max: fmt(Math.max(...values)),
    missed: values.filter(Number.isNaN).length,
  };
}
