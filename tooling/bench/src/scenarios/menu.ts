/**
 * `menu.forTable` on the guest app at each connection count (closed loop, autocannon), against
 * the bare server answering with the app's recorded response.
 */
import { menuRequest, type Scenario } from "../context";
import { closedLoop, record, startBareServer } from "../load";
import { COMPARISON_COLUMNS, comparisonRow } from "../report";

export const menuScenario: Scenario = {
  name: "menu",
  async run(ctx) {
    const table = ctx.system.demo.tables[0];
    if (!table) throw new Error("bench: the seed created no table");
    const request = menuRequest(table.code);
    const bare = await startBareServer(await record(ctx.system.guestUrl, request));
    try {
      const rows = [];
      for (const connections of ctx.opts.menuConnections) {
        ctx.log(`menu.forTable: ${connections} connections, ${ctx.opts.menuDurationS} s each`);
        const load = { connections, durationS: ctx.opts.menuDurationS, next: () => request };
        const app = await closedLoop(ctx.system.guestUrl, load);
        rows.push(comparisonRow(`${connections} connections`, app, await closedLoop(bare.url, load)));
      }
      return [{ title: "menu.forTable (GET, guest app)", columns: COMPARISON_COLUMNS, rows }];
    } finally {
      await bare.close();
    }
  },
};
