import { serviceRequestInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { guestProcedure } from "../trpc";
import { requestService } from "../use-cases/service-requests";

/** Guests calling staff to the table. */
export const serviceRouter = {
  /**
   * Calls a waiter, asks for water or for the bill (`kind`) at the table the QR code names;
   * opens the table's session if none is open and joins the guest to it. Repeated taps (by any
   * guest of the table) make one request: while one of that kind is open or acknowledged, it is
   * returned and nothing new is stored. Returns the `ServiceRequestView` (status "acknowledged"
   * = staff are on the way). Errors: BAD_REQUEST for another kind; NOT_FOUND for an unknown or
   * inactive code; UNAUTHORIZED without a guest sign-in.
   */
  request: guestProcedure
    .input(serviceRequestInput)
    .mutation(({ ctx, input }) => requestService(ctx.services, ctx.guest, input)),
} satisfies TRPCRouterRecord;
