/**
 * Overload: `order.place` at twice the sustainable rate (the ramp's highest sustained rate in
 * this run, else the target rate) for a burst, counting answers by status and the latency of
 * rejections; then one order every 250 ms until one succeeds within twice the normal p50
 * (measured before the burst): the recovery time, from the end of the burst.
 */
import { orderRequests, type Scenario } from "../context";
import { countByStatus, openLoop, quantile, send, type Sample } from "../load";
import { fmt } from "../report";
import { mintGuests } from "../sessions";

/** How long recovery is awaited after the burst, in ms. */
const RECOVERY_LIMIT_MS = 60_000;
const PROBE_INTERVAL_MS = 250;

export const overloadScenario: Scenario = {
  name: "overload",
  async run(ctx) {
    const url = ctx.system.api.guest;
    const next = orderRequests(ctx, await mintGuests(ctx.system, 200));
    const normal: number[] = [];
    for (let i = 0; i < 5; i++) normal.push((await send(url, next(), performance.now(), 10_000)).latencyMs);
    const normalP50 = quantile(normal, 0.5);
    const rate = 2 * (ctx.sustainableRate ?? ctx.opts.targetRate);
    const durationS = ctx.opts.overloadS;
    ctx.log(`overload: order.place at ${rate}/s for ${durationS} s (normal p50 ${fmt(normalP50)} ms)`);

    const started = performance.now();
    const burst = openLoop(url, { rate, durationS, next });
    const burstEnd = started + durationS * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, burstEnd - performance.now())));
    let recoveredAfterMs = Number.NaN;
    while (performance.now() - burstEnd < RECOVERY_LIMIT_MS) {
      const probe = await send(url, next(), burstEnd, 10_000);
      if (probe.status === 200 && probe.latencyMs <= 2 * normalP50) {
        recoveredAfterMs = probe.sentAt + probe.latencyMs;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
    const samples: Sample[] = await burst;

    const counts = countByStatus(samples);
    const rejected = samples.filter((s) => s.status === 429 || s.status === 503).map((s) => s.latencyMs);
    const ok = samples.filter((s) => s.status === 200).map((s) => s.latencyMs);
    const other = samples.length - ok.length - rejected.length - (counts["500"] ?? 0) - (counts["0"] ?? 0);
    return [
      {
        title: "Overload: order.place at twice the sustainable rate",
        columns: [
          "orders/s",
          "s",
          "sent",
          "2xx",
          "429",
          "503",
          "500",
          "other",
          "timeouts",
          "2xx p50/p99 ms",
          "429/503 p50/p99 ms",
          "recovery s",
        ],
        rows: [
          [
            rate,
            durationS,
            samples.length,
            ok.length,
            counts["429"] ?? 0,
            counts["503"] ?? 0,
            counts["500"] ?? 0,
            other,
            counts["0"] ?? 0,
            `${fmt(quantile(ok, 0.5))} / ${fmt(quantile(ok, 0.99))}`,
            `${fmt(quantile(rejected, 0.5))} / ${fmt(quantile(rejected, 0.99))}`,
            Number.isNaN(recoveredAfterMs) ? `> ${RECOVERY_LIMIT_MS / 1000}` : fmt(recoveredAfterMs / 1000),
          ],
        ],
        notes: [
          `Recovery: from the end of the burst until an order succeeded within twice the normal p50 (${fmt(normalP50)} ms, 5 orders before the burst); probed every ${PROBE_INTERVAL_MS} ms.`,
        ],
      },
    ];
  },
};
