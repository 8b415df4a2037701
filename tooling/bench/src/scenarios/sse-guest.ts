/**
 * `kitchen.advance` → the guest's `order.onUpdate` event: with N guest streams open (one per
 * order, each guest following their own), staff move one order at a time from accepted to
 * preparing and the time from sending the move to its event on that order's stream is measured;
 * then the same against a bare SSE server replaying the app's bytes.
 */
import { insertOrders, mutationRequest, type BenchContext, type Scenario } from "../context";
import { quantile, record, send } from "../load";
import { fmt } from "../report";
import { mintGuests, type Guest } from "../sessions";
import { latencies, latencyCells, openStream, openStreams, startBareSse, subscriptionPath, type Stream } from "../sse";

/**
 * Opens a stream per order at `urls.guest`, then staff move `sseEvents` of the orders, evenly
 * spread, at `urls.dashboard`. Returns the event and advance latencies (ms), and with
 * `memoryMb` (the guest server's resident memory) the memory each open stream added (KB).
 */
async function measure(
  ctx: BenchContext,
  urls: { guest: string; dashboard: string },
  orders: { id: string; guest: Guest }[],
  memoryMb?: () => number,
): Promise<{ event: number[]; advance: number[]; kbPerStream: number }> {
  const before = memoryMb?.() ?? Number.NaN;
  const streams: Stream[] = await openStreams(orders.length, (i) => {
    const order = orders[i];
    if (!order) throw new Error("bench: no order");
    return openStream(urls.guest, subscriptionPath("order.onUpdate", { orderId: order.id }), order.guest.cookie);
  });
  const kbPerStream = (((memoryMb?.() ?? Number.NaN) - before) * 1024) / orders.length;
  try {
    const event: number[] = [];
    const advance: number[] = [];
    const step = Math.max(1, Math.floor(orders.length / ctx.opts.sseEvents));
    for (let i = 0; i < orders.length && event.length < ctx.opts.sseEvents; i += step) {
      const [order, stream] = [orders[i], streams[i]];
      if (!order || !stream) break;
      const request = mutationRequest("kitchen.advance", { orderId: order.id, to: "preparing" }, ctx.staffCookie);
      const sentAt = performance.now();
      const answer = await send(urls.dashboard, request, sentAt, 15_000);
      if (answer.status !== 200) throw new Error(`bench: kitchen.advance answered ${answer.status}: ${answer.body}`);
      advance.push(answer.latencyMs);
      const [latency] = await latencies([stream], (e) => e.data.includes('"preparing"'), sentAt);
      event.push(latency ?? Number.NaN);
    }
    return { event, advance, kbPerStream };
  } finally {
    for (const stream of streams) stream.close();
  }
}

export const sseGuestScenario: Scenario = {
  name: "sse-guest",
  async run(ctx) {
    const rows = [];
    for (const count of ctx.opts.streams) {
      ctx.log(`kitchen.advance → guest event with ${count} guest streams`);
      const guests = await mintGuests(ctx.system, count);
      // One order per guest, and one more (the last guest's) to record the baseline's bytes with.
      const customerIds = [...guests.map((g) => g.customerId), guests.at(-1)?.customerId ?? ""];
      const ids = await insertOrders(ctx, { count: count + 1, customerIds, status: "accepted" });
      const orders = guests.map((guest, i) => ({ id: ids[i] ?? "", guest }));
      const urls = { guest: ctx.system.api.guest, dashboard: ctx.system.api.staff };
      const app = await measure(ctx, urls, orders, ctx.system.memoryMb.guest);

      // The baseline replays the app's bytes: one recorded advance and one recorded event.
      const [probe, guest] = [ids.at(-1), guests.at(-1)];
      if (!probe || !guest) throw new Error("bench: no order to record");
      const stream = await openStream(
        ctx.system.api.guest,
        subscriptionPath("order.onUpdate", { orderId: probe }),
        guest.cookie,
      );
      const advanced = await record(
        ctx.system.api.staff,
        mutationRequest("kitchen.advance", { orderId: probe, to: "preparing" }, ctx.staffCookie),
      );
      await latencies([stream], () => true, performance.now());
      stream.close();
      const recorded = stream.events[0]?.event;
      if (!recorded) throw new Error("bench: the guest stream got no event to record");
      const bare = await startBareSse(advanced, recorded, (body, url) => {
        const { orderId } = JSON.parse(body) as { orderId: string };
        return url.includes(orderId);
      });
      const baseline = await measure(ctx, { guest: bare.url, dashboard: bare.url }, orders).finally(() => bare.close());
      for (const [target, m] of [
        ["app", app],
        ["bare", baseline],
      ] as const) {
        const event = latencyCells(m.event);
        rows.push([
          count,
          target,
          m.event.length,
          event.p50,
          event.p95,
          event.max,
          fmt(quantile(m.advance, 0.5)),
          event.missed,
          fmt(m.kbPerStream, 0),
        ]);
      }
    }
    return [
      {
        title: "kitchen.advance → guest order.onUpdate event (SSE)",
        columns: [
          "open streams",
          "target",
          "events",
          "p50 ms",
          "p95 ms",
          "max ms",
          "advance p50 ms",
          "missed",
          "KB/stream",
        ],
        rows,
        notes: [
          "From sending kitchen.advance (accepted → preparing) to its event on that order's stream, so the advance itself is included; missed: no event within 15 s; KB/stream: the guest server's resident memory added per open stream.",
        ],
      },
    ];
  },
};
