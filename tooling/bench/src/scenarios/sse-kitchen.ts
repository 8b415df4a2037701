/**
 * Kitchen fan-out: with N kitchen displays open (`kitchen.onTicket` streams of the demo
 * restaurant), a guest places an order and the time until it reaches each display is measured
 * (after one warm-up order that every stream must receive); then the same against a bare SSE
 * server that broadcasts the app's bytes.
 */
import type { OrderView } from "@tabletap/core";
import { orderRequests, trpcData, type BenchContext, type Scenario } from "../context";
import { record, send, type RequestSpec } from "../load";
import { fmt } from "../report";
import { mintGuests } from "../sessions";
import { latencies, latencyCells, openStream, openStreams, startBareSse, subscriptionPath } from "../sse";

/**
 * Opens `count` kitchen streams at `urls.dashboard` and places orders at `urls.guest`. Returns
 * every stream's latency per order (ms), and with `memoryMb` (the dashboard server's resident
 * memory) the memory each open stream added (KB).
 */
async function measure(
  ctx: BenchContext,
  urls: { guest: string; dashboard: string },
  count: number,
  next: () => RequestSpec,
  memoryMb?: () => number,
): Promise<{ latency: number[]; kbPerStream: number }> {
  const path = subscriptionPath("kitchen.onTicket", {});
  const before = memoryMb?.() ?? Number.NaN;
  const streams = await openStreams(count, () => openStream(urls.dashboard, path, ctx.staffCookie));
  const kbPerStream = (((memoryMb?.() ?? Number.NaN) - before) * 1024) / count;
  try {
    const all: number[] = [];
    for (let i = 0; i <= ctx.opts.sseEvents; i++) {
      for (const stream of streams) stream.events.length = 0;
      const sentAt = performance.now();
      const answer = await send(urls.guest, next(), sentAt, 15_000);
      if (answer.status !== 200) throw new Error(`bench: order.place answered ${answer.status}: ${answer.body}`);
      const { id } = trpcData<OrderView>(answer.body);
      const measured = await latencies(streams, (e) => e.data.includes(id), sentAt);
      if (i > 0) all.push(...measured); // the first order only proves every stream is subscribed
    }
    return { latency: all, kbPerStream };
  } finally {
    for (const stream of streams) stream.close();
  }
}

export const sseKitchenScenario: Scenario = {
  name: "sse-kitchen",
  async run(ctx) {
    const next = orderRequests(ctx, await mintGuests(ctx.system, 50));
    const urls = { guest: ctx.system.api.guest, dashboard: ctx.system.api.staff };

    // The baseline broadcasts the bytes of one order's kitchen event and answers with its order.place response.
    const probe = await openStream(urls.dashboard, subscriptionPath("kitchen.onTicket", {}), ctx.staffCookie);
    const placed = await record(urls.guest, next());
    const { id } = trpcData<OrderView>(placed.body.toString());
    await latencies([probe], (e) => e.data.includes(id), performance.now());
    probe.close();
    const event = probe.events.find((e) => e.event.data.includes(id))?.event;
    if (!event) throw new Error("bench: the kitchen stream got no event to record");

    const rows = [];
    for (const count of ctx.opts.streams) {
      ctx.log(`order.place → ${count} kitchen streams`);
      const app = await measure(ctx, urls, count, next, ctx.system.memoryMb.dashboard);
      const bare = await startBareSse(placed, event, () => true);
      const baseline = await measure(ctx, { guest: bare.url, dashboard: bare.url }, count, next).finally(() =>
        bare.close(),
      );
      for (const [target, { latency: values, kbPerStream }] of [
        ["app", app],
        ["bare", baseline],
      ] as const) {
        const { p50, p95, max, missed } = latencyCells(values);
        rows.push([count, target, values.length, p50, p95, max, missed, fmt(kbPerStream, 0)]);
      }
    }
    return [
      {
        title: "order.place → kitchen.onTicket event, fan-out (SSE)",
        columns: ["open streams", "target", "stream events", "p50 ms", "p95 ms", "max ms", "missed", "KB/stream"],
        rows,
        notes: [
          "From sending order.place to the new order's event on each kitchen stream, so placing the order is included; missed: no event within 15 s; KB/stream: the dashboard server's resident memory added per open stream.",
        ],
      },
    ];
  },
};
