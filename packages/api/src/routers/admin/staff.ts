import { resetPasswordInput, saveStaffInput, setStaffActiveInput } from "@tabletap/core/staff-admin";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { listStaff, resetStaffPassword, saveStaff, setStaffActive } from "../../use-cases/staff";

/** The restaurant's team: staff and manager accounts. Every write is recorded in the audit log. */
export const adminStaffRouter = {
  /**
   * Every account of the manager's restaurant (`StaffMemberView`: id, name, email, role, active,
   * createdAt ISO-8601 UTC), active first, then by name. Never a password or its hash.
   * Errors: FORBIDDEN for staff who are not managers.
   */
  list: managerProcedure.query(({ ctx }) => listStaff(ctx.staff)),

  /**
   * Creates an account (no `id`; with the manager's `password`, or a generated temporary one
   * returned once as `temporaryPassword`) or updates an account's name, email and role (a role
   * change ends its sessions). Returns `{ staff, temporaryPassword }`.
   * Errors: BAD_REQUEST for bad input (empty name, invalid email, a password shorter than
   * `PASSWORD_POLICY.minLength` (12) or a commonly used one); CONFLICT when the email is taken
   * (field "email") or when it would demote the last active manager (field "role"); NOT_FOUND
   * for an unknown id or another restaurant's account; FORBIDDEN for staff.
   */
  save: managerProcedure.input(saveStaffInput).mutation(({ ctx, input }) => saveStaff(ctx.services, ctx.staff, input)),

  /**
   * Deactivates an account (every session of theirs ends at once: the next request with their
   * token answers UNAUTHORIZED; sign-in is refused) or reactivates it. Returns the account.
   * Errors: CONFLICT when it would deactivate the last active manager; NOT_FOUND for an unknown
   * id or another restaurant's account; FORBIDDEN for staff.
   */
  setActive: managerProcedure
    .input(setStaffActiveInput)
    .mutation(({ ctx, input }) => setStaffActive(ctx.services, ctx.staff, input)),

  /**
   * Sets a new password (the manager's `password`, or a generated temporary one returned once as
   * `temporaryPassword`) and ends every session of the account. Returns `{ staff, temporaryPassword }`.
   * Errors: BAD_REQUEST for a short or common password; NOT_FOUND for an unknown id or another
   * restaurant's account; FORBIDDEN for staff.
   */
  resetPassword: managerProcedure
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetStaffPassword(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
