import { floorMoveInput, floorRequestInput, floorSessionInput, floorSubscriptionInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { staffProcedure, trackedEvents, whileSignedIn } from "../trpc";
import { answerRequest, closeSession, floorTab, floorView, followFloor, moveSession } from "../use-cases/floor";

/**
 * The staff's floor view: the restaurant's tables, their sessions' bills and service requests.
 * Any staff member (not only managers), of their own restaurant only: another restaurant's
 * session or table answers NOT_FOUND. Mutations return the session's `TabView` as staff see it.
 */
export const floorRouter = {
  /**
   * Every active table (and any inactive one still holding a session), by label: its state
   * (free, ordering, eating, waiting_for_bill, paid), and for an open session its guests,
   * counted orders, totals (paise), counter payments awaiting staff and visible service
   * requests, and when its last session closed (ISO-8601 UTC, within 12 hours; else null).
   */
  tables: staffProcedure.query(({ ctx }) => floorView(ctx.services, ctx.staff)),

  /**
   * The floor live over SSE: the current `FloorView` at once, then afresh after every change of
   * one of the restaurant's sessions, each with a tracked event id. BAD_REQUEST for a
   * `lastEventId` that is not a stream id.
   */
  onUpdate: staffProcedure
    .input(floorSubscriptionInput)
    .subscription(({ ctx, input, signal }) =>
      trackedEvents(followFloor(ctx.services, ctx.staff, input, whileSignedIn(ctx, "staff", signal))),
    ),

  /** A session's tab (open or closed), staff's view: labels of who ordered and paid, nothing `mine`. NOT_FOUND as above. */
  tab: staffProcedure.input(floorSessionInput).query(({ ctx, input }) => floorTab(ctx.services, ctx.staff, input)),

  /**
   * Acknowledges a service request (the guest sees "On the way"); repeating it changes nothing.
   * Errors: NOT_FOUND for an unknown session or request; CONFLICT when the session has closed.
   */
  acknowledge: staffProcedure
    .input(floorRequestInput)
    .mutation(({ ctx, input }) => answerRequest(ctx.services, ctx.staff, input, "acknowledged")),

  /** Resolves a service request ("Done"); repeating it changes nothing. Errors as `acknowledge`. */
  resolve: staffProcedure
    .input(floorRequestInput)
    .mutation(({ ctx, input }) => answerRequest(ctx.services, ctx.staff, input, "resolved")),

  /**
   * Closes a session with an empty tab (guests who left without ordering) and frees its table.
   * Errors: NOT_FOUND for an unknown session; CONFLICT when it is closed already or has a counted
   * order or a payment on it (nothing changes).
   */
  closeSession: staffProcedure
    .input(floorSessionInput)
    .mutation(({ ctx, input }) => closeSession(ctx.services, ctx.staff, input)),

  /**
   * Moves an open session to another table (`toTableId`), which must be active and free; the old
   * table is freed. Errors: NOT_FOUND for an unknown session or table; CONFLICT when the session
   * is closed or the target is its own table, inactive or occupied (nothing changes).
   */
  moveSession: staffProcedure
    .input(floorMoveInput)
    .mutation(({ ctx, input }) => moveSession(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
