import { auditTrailInput } from "@tabletap/core/audit";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { auditTrail } from "../../use-cases/audit";

/** The restaurant's audit log of manager changes. */
export const adminAuditRouter = {
  /**
   * Recorded changes of the manager's restaurant, newest first, 50 a page: of one entity
   * (`entity` + `entityId`), of one kind (`entity`), or all; each with who, when (ISO-8601 UTC),
   * the action and the entity before and after. Returns `{ entries, nextCursor }` (pass
   * `nextCursor` as `cursor` for the next page; null on the last). Errors: FORBIDDEN for staff
   * who are not managers.
   */
  list: managerProcedure.input(auditTrailInput).query(({ ctx, input }) => auditTrail(ctx.staff, input)),
} satisfies TRPCRouterRecord;
