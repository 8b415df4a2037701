/**
 * `order.place` at rising fixed rates (open loop: requests go out on schedule whether or not
 * earlier ones were answered), then the target rate held longer, by many signed-in guests; each
 * step also against the bare server (at most 5 s). Ends with the verification pass: every order
 * answered with success is stored exactly once and reaches `accepted`.
 */
import { orderRequests, verifyOrders, type Scenario } from "../context";
import { describeFailures, openLoop, quantile, record, startBareServer, type Sample } from "../load";
import { fmt } from "../report";
import { mintGuests } from "../sessions";

/** A step counts as sustained when every request succeeded with p99 under this (ms). */
const SUSTAINED_P99_MS = 1000;

export const orderRateScenario: Scenario = {
  name: "order-rate",
  async run(ctx) {
    const { rates, rateStepS, targetRate, targetDurationS } = ctx.opts;
    const next = orderRequests(ctx, await mintGuests(ctx.system, 200));
    const bare = await startBareServer(await record(ctx.system.api.guest, next()));
    const all: Sample[] = [];
    const rows = [];
    try {
      const steps = [
        ...rates.map((rate) => ({ phase: "ramp", rate, durationS: rateStepS })),
        { phase: "target", rate: targetRate, durationS: targetDurationS },
      ];
      for (const { phase, rate, durationS } of steps) {
        ctx.log(`order.place at ${rate}/s for ${durationS} s`);
        const samples = await openLoop(ctx.system.api.guest, { rate, durationS, next });
        all.push(...samples);
        const ok = samples.filter((s) => s.status === 200);
        const span = Math.max(...samples.map((s) => s.sentAt + s.latencyMs)) / 1000;
        const latency = samples.map((s) => s.latencyMs);
        const baseline = (await openLoop(bare.url, { rate, durationS: Math.min(durationS, 5), next })).map(
          (s) => s.latencyMs,
        );
        const sustained = ok.length === samples.length && quantile(latency, 0.99) < SUSTAINED_P99_MS;
        if (sustained && rate > (ctx.sustainableRate ?? 0)) ctx.sustainableRate = rate;
        rows.push([
          phase,
          rate,
          durationS,
          samples.length,
          ok.length,
          describeFailures(samples),
          fmt(ok.length / span),
          fmt(quantile(latency, 0.5)),
          fmt(quantile(latency, 0.99)),
          fmt(quantile(baseline, 0.5)),
          fmt(quantile(baseline, 0.99)),
        ]);
      }
    } finally {
      await bare.close();
    }
    ctx.log(`verifying ${all.length} orders (waiting up to ${ctx.opts.acceptWaitS} s for the worker)`);
    const check = await verifyOrders(all, ctx.opts.acceptWaitS);
    return [
      {
        title: "order.place at fixed rates (open loop)",
        columns: [
          "phase",
          "orders/s",
          "s",
          "sent",
          "2xx",
          "failures",
          "2xx/s achieved",
          "p50 ms",
          "p99 ms",
          "bare p50 ms",
          "bare p99 ms",
        ],
        rows,
        notes: [
          `Verification: ${check.succeeded} answered with success; ${check.storedOnce} stored exactly once; ` +
            `${check.accepted} accepted by the worker` +
            (Number.isNaN(check.acceptedAfterS)
              ? ` (not all within ${ctx.opts.acceptWaitS} s of waiting)`
              : ` (the last after ${fmt(check.acceptedAfterS)} s of waiting)`) +
            `; ${check.storedDespiteFailure} stored although their request failed or timed out.`,
          `Highest sustained rate (all 2xx, p99 < ${SUSTAINED_P99_MS} ms): ${ctx.sustainableRate ?? "none"}/s.`,
        ],
      },
    ];
  },
};
