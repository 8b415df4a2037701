import { createTRPCRouter } from "../../trpc";
import { adminAnalyticsRouter } from "./analytics";
import { adminAuditRouter } from "./audit";
import { adminSettingsRouter } from "./settings";
import { adminStaffRouter } from "./staff";
import { adminMenuRouter } from "./menu";
import { adminTablesRouter } from "./tables";
import { adminPhotosRouter } from "./photos";
import { adminPaymentsRouter } from "./payments";

/**
 * The admin panel's API (`admin.*`): manager-only, scoped to the manager's restaurant. Staff who
 * are not managers get FORBIDDEN on every procedure; a manager of another restaurant gets
 * NOT_FOUND for this restaurant's ids. Every write records an audit entry (`recordChange`), and
 * every write to the menu, tables or settings calls `restaurantChanged` (cache dropped, open
 * guest menus told to refetch).
 */
export const adminRouter = createTRPCRouter({
  audit: adminAuditRouter,
  staff: adminStaffRouter,
  settings: adminSettingsRouter,
  menu: adminMenuRouter,
  analytics: adminAnalyticsRouter,
  tables: adminTablesRouter,
  photos: adminPhotosRouter,
  payments: adminPaymentsRouter,
});
