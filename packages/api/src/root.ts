import { authRouter } from "./routers/auth";
import { customerRouter } from "./routers/customer";
import { kitchenRouter } from "./routers/kitchen";
import { menuRouter } from "./routers/menu";
import { orderRouter } from "./routers/order";
import { createTRPCRouter } from "./trpc";

/** The whole API: both Next.js apps serve it at /api/trpc. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  customer: customerRouter,
  menu: menuRouter,
  order: orderRouter,
  kitchen: kitchenRouter,
});

export type AppRouter = typeof appRouter;
