/**
 * What one `order.place` costs in round trips: the procedure is called in this process (the same
 * router and services the apps run) with its database and Redis commands counted, once cold (a
 * table and menu not cached yet, the table session to open) and then warm. SQS gets one SendMessage per order
 * (`order.placed`, from the outbox) by construction.
 */
import { randomUUID } from "node:crypto";
import { createCallerFactory, createContext, createServices, guestRouter, loadServerEnv } from "@tabletap/api";
import { cacheTags } from "@tabletap/cache";
import mongoose from "mongoose";
import { orderItems, type Scenario } from "../context";
import { mintGuests } from "../sessions";

const createCaller = createCallerFactory(guestRouter);

export const roundTripsScenario: Scenario = {
  name: "round-trips",
  async run(ctx) {
    const services = createServices(loadServerEnv({ ...ctx.system.env, LOG_LEVEL: "warn" }));
    const [guest] = await mintGuests(ctx.system, 1);
    if (!guest) throw new Error("bench: no guest minted");
    const database: string[] = [];
    const redis: string[] = [];
    const sendCommand = services.redis.sendCommand.bind(services.redis);
    services.redis.sendCommand = (command, stream) => {
      redis.push(command.name.toUpperCase());
      return sendCommand(command, stream);
    };
    mongoose.set("debug", (collection: string, method: string) => database.push(`${collection}.${method}`));

    const place = async (tableCode: string) => {
      database.length = 0;
      redis.length = 0;
      const ctxFor = await createContext(services, {
        headers: new Headers({ cookie: guest.cookie }),
        resHeaders: new Headers(),
        audience: "guest",
      });
      await createCaller(ctxFor).order.place({ tableCode, idempotencyKey: randomUUID(), items: orderItems(ctx) });
      return { database: [...database], redis: [...redis] };
    };
    try {
      const table = ctx.system.demo.tables.at(-1);
      if (!table) throw new Error("bench: no tables");
      await services.cache.deleteByTag({ tags: [cacheTags.restaurant(ctx.system.demo.restaurantId)] });
      const cold = await place(table.code);
      // The first order opened the table session, which drops the table's cache entry once.
      await place(table.code);
      const warm = await place(table.code);
      const summary = (calls: string[]) =>
        Object.entries(
          calls.reduce<Record<string, number>>((counts, call) => ({ ...counts, [call]: (counts[call] ?? 0) + 1 }), {}),
        )
          .map(([call, count]) => (count > 1 ? `${call} ×${count}` : call))
          .join(", ");
      return [
        {
          title: "order.place round trips (in process, same router and services)",
          columns: ["cache", "database", "Redis", "database calls", "Redis commands"],
          rows: [
            ["cold", cold.database.length, cold.redis.length, summary(cold.database), summary(cold.redis)],
            ["warm", warm.database.length, warm.redis.length, summary(warm.database), summary(warm.redis)],
          ],
          notes: [
            "SQS: one SendMessage (order.placed) per order. Redis commands with auto-pipelining may share a round trip;",
            "the cache's own connections (the order's cache entry dropped, and the drop announced to other processes) are not counted.",
          ],
        },
      ];
    } finally {
      mongoose.set("debug", false);
      await services.cache.disconnect();
      await services.bus.close();
      await services.redis.quit();
    }
  },
};
