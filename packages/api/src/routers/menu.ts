import { tableMenuInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";
import { tableMenu } from "../use-cases/menu";

/** The guest-facing menu. */
export const menuRouter = {
  /**
   * The restaurant, table and live menu a table's QR code points at: categories in menu order,
   * each with its items (86'd items included with `available: false`, so guests see them greyed
   * out); prices in paise. Errors: NOT_FOUND "This table's code isn't valid" for an unknown or
   * inactive code.
   */
  forTable: publicProcedure.input(tableMenuInput).query(({ ctx, input }) => tableMenu(ctx.services, input)),
} satisfies TRPCRouterRecord;
