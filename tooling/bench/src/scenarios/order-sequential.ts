/** `order.place` from one client, one order after another, against the bare server. */
import { orderRequests, type Scenario } from "../context";
import { record, sequential, startBareServer } from "../load";
import { COMPARISON_COLUMNS, comparisonRow } from "../report";
import { mintGuests } from "../sessions";

export const orderSequentialScenario: Scenario = {
  name: "order-sequential",
  async run(ctx) {
    const next = orderRequests(ctx, await mintGuests(ctx.system, 10));
    const bare = await startBareServer(await record(ctx.system.api.guest, next()));
    try {
      const amount = ctx.opts.sequentialOrders;
      ctx.log(`order.place: ${amount} orders from one client`);
      const app = await sequential(ctx.system.api.guest, amount, next);
      const baseline = await sequential(bare.url, amount, next);
      return [
        {
          title: "order.place, one client (sequential)",
          columns: COMPARISON_COLUMNS,
          rows: [comparisonRow(`${app.requests} orders`, app, baseline)],
        },
      ];
    } finally {
      await bare.close();
    }
  },
};
