import { authRouter } from "./routers/auth";
import { kitchenRouter } from "./routers/kitchen";
import { menuRouter } from "./routers/menu";
import { orderRouter } from "./routers/order";
import { createTRPCRouter } from "./trpc";

/** The whole API: both Next.js apps serve it at /api/trpc. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  menu: menuRouter,
  order: orderRouter,
  kitchen: kitchenRouter,
});

export type AppRouter = typeof appRouter;
