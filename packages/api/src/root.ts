import type { SessionAudience } from "@tabletap/auth";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { customerRouter } from "./routers/customer";
import { floorRouter } from "./routers/floor";
import { kitchenRouter } from "./routers/kitchen";
import { menuRouter } from "./routers/menu";
import { orderRouter } from "./routers/order";
import { paymentRouter } from "./routers/payment";
import { receiptRouter } from "./routers/receipt";
import { serviceRouter } from "./routers/service";
import { tabRouter } from "./routers/tab";
import { createTRPCRouter } from "./trpc";

/** The guest app's API (its `/api/trpc`, the standalone server's guest port): sign-in, profile, menu, orders. */
export const guestRouter = createTRPCRouter({
  auth: authRouter,
  customer: customerRouter,
  menu: menuRouter,
  order: orderRouter,
  payment: paymentRouter,
  receipt: receiptRouter,
  tab: tabRouter,
  service: serviceRouter,
});
export type GuestRouter = typeof guestRouter;

/** The dashboard's API (its `/api/trpc`, the standalone server's staff port): sign-in, the kitchen display and the admin panel. */
export const staffRouter = createTRPCRouter({
  auth: authRouter,
  kitchen: kitchenRouter,
  floor: floorRouter,
  admin: adminRouter,
});
export type StaffRouter = typeof staffRouter;

/** The router each app serves, by its session audience: a procedure of the other app answers NOT_FOUND (404). */
export const audienceRouters = { guest: guestRouter, staff: staffRouter } as const satisfies Record<
  SessionAudience,
  unknown
>;

/**
 * Every procedure of both apps in one router, for in-process callers that are not an app: the
 * test clients and the access matrix. No HTTP endpoint serves it.
 */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  customer: customerRouter,
  menu: menuRouter,
  order: orderRouter,
  payment: paymentRouter,
  receipt: receiptRouter,
  tab: tabRouter,
  service: serviceRouter,
  kitchen: kitchenRouter,
  floor: floorRouter,
  admin: adminRouter,
});
