import { analyticsRangeInput } from "@tabletap/core/analytics";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { analyticsSummary, analyticsToday, ordersCsv } from "../../use-cases/analytics";

/** The restaurant's sales analytics and the orders export. */
export const adminAnalyticsRouter = {
  /**
   * Figures of business days `from`–`to` ("YYYY-MM-DD", inclusive, the restaurant's time zone;
   * at most 366 days): revenue per day and in total (paise), orders, average order value, top
   * items, prep time (seconds), orders by local hour, cancellations and rejections by reason —
   * `AnalyticsSummary` in @tabletap/core/analytics (see `analyticsSummary` for what counts as
   * revenue). Errors: BAD_REQUEST for an invalid date, from > to or a longer range; FORBIDDEN for
   * staff who are not managers.
   */
  summary: managerProcedure.input(analyticsRangeInput).query(({ ctx, input }) => analyticsSummary(ctx.staff, input)),
  /**
   * The restaurant's business date today ("YYYY-MM-DD") and time zone (IANA), which the analytics
   * page's presets ("Last 7 days"...) count from. Errors: FORBIDDEN for staff who are not managers.
   */
  today: managerProcedure.query(({ ctx }) => analyticsToday(ctx.staff)),
  /**
   * The orders of business days `from`–`to` (as `summary`) as CSV, one row per order of any
   * status: `{ filename, csv }` (see `ordersCsv`). The dashboard serves it as a download at
   * `/admin/analytics/orders.csv?from=&to=`. Errors: as `summary`.
   */
  ordersCsv: managerProcedure.input(analyticsRangeInput).query(({ ctx, input }) => ordersCsv(ctx.staff, input)),
} satisfies TRPCRouterRecord;
