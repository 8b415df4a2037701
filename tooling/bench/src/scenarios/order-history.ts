/**
 * `order.place` p50 at growing numbers of stored orders: synthetic past orders are inserted
 * directly (on past business dates, so never active tickets) up to each count, then orders are
 * placed one after another. A flat p50 means the hot path does not scan the history. A warm-up
 * round first (not measured) makes the first count as warm as the later ones (JIT, caches).
 */
import { Order } from "@tabletap/db";
import { insertOrders, orderRequests, type Scenario } from "../context";
import { sequential } from "../load";
import { fmt } from "../report";
import { mintGuests } from "../sessions";

export const orderHistoryScenario: Scenario = {
  name: "order-history",
  async run(ctx) {
    const guests = await mintGuests(ctx.system, 10);
    const next = orderRequests(ctx, guests);
    const rows = [];
    const p50s: number[] = [];
    await sequential(ctx.system.api.guest, ctx.opts.historyOrders, next);
    for (const target of ctx.opts.history) {
      const missing = target - (await Order.estimatedDocumentCount());
      const started = performance.now();
      if (missing > 0) {
        ctx.log(`order.place at ${target} stored orders: inserting ${missing}`);
        await insertOrders(ctx, { count: missing, customerIds: guests.map((g) => g.customerId), status: "served" });
      }
      const insertS = (performance.now() - started) / 1000;
      const run = await sequential(ctx.system.api.guest, ctx.opts.historyOrders, next);
      p50s.push(run.p50);
      rows.push([target, fmt(insertS), run.requests, fmt(run.p50), fmt(run.p99), run.failures]);
    }
    const [first, last] = [p50s[0], p50s.at(-1)];
    return [
      {
        title: "order.place (one client) by stored orders",
        columns: ["stored orders", "insert s", "orders placed", "p50 ms", "p99 ms", "failures"],
        rows,
        notes:
          first !== undefined && last !== undefined
            ? [`p50 at the largest count / p50 at the smallest: ${fmt(last / first, 2)} (target: within 1.2)`]
            : [],
      },
    ];
  },
};
