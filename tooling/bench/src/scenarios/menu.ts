/**
 * `menu.forTable` at each connection count (closed loop, autocannon) on the guest app (the API
 * in a Next.js route handler) and on the standalone API server (`apps/api`, the same API
 * without Next.js), each against the bare server answering with the app's recorded response.
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
        const baseline = await closedLoop(bare.url, load);
        const app = await closedLoop(ctx.system.guestUrl, load);
        const api = await closedLoop(ctx.system.apiGuestUrl, load);
        rows.push(comparisonRow(`guest app (Next.js), ${connections} connections`, app, baseline));
        rows.push(comparisonRow(`API server, ${connections} connections`, api, baseline));
      }
      return [{ title: "menu.forTable (GET)", columns: COMPARISON_COLUMNS, rows }];
    } finally {
      await bare.close();
    }
  },
};
