import { saveSettingsInput } from "@tabletap/core/settings";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { restaurantSettings, saveSettings } from "../../use-cases/settings";

/** The restaurant's settings: name, money, time zone, opening hours and the "pause ordering" switch. */
export const adminSettingsRouter = {
  /**
   * The manager's restaurant's settings (`SettingsView`: rates in basis points, opening hours
   * "HH:MM" in its time zone, day 0 = Sunday, `updatedAt` ISO-8601 UTC).
   * Errors: FORBIDDEN for staff who are not managers.
   */
  get: managerProcedure.query(({ ctx }) => restaurantSettings(ctx.staff)),

  /**
   * Changes the given settings (fields left out stay) and returns them all. Guests see the
   * change at once (open menus refetch over `menu.onChange`); while `orderingPaused`,
   * `order.place` answers PRECONDITION_FAILED. Recorded in the audit log.
   * Errors: BAD_REQUEST for an unknown currency (ISO 4217) or time zone (IANA), a rate outside
   * 0–10 000 bps or fractional, bad opening hours; FORBIDDEN for staff.
   */
  save: managerProcedure
    .input(saveSettingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
