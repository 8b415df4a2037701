import { saveTableInput, tableIdInput, tableQrCardsInput } from "@tabletap/core/tables-admin";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { adminTables, regenerateTableCode, saveTable, tableQrCards } from "../../use-cases/tables-admin";

/**
 * The restaurant's tables and their QR codes. Every procedure: FORBIDDEN for staff who are not
 * managers; NOT_FOUND for a table of another restaurant.
 */
export const adminTablesRouter = {
  /**
   * Every table of the manager's restaurant, by label ("T2" before "T10"): label, seats, active,
   * code and guest URL (`${GUEST_APP_URL}/t/{code}`), and its open table session or null (since
   * when, ISO-8601 UTC; the guests who ordered, by name or masked phone; number of orders and
   * total so far in paise, cancelled and rejected orders not counted). Returns `{ currency, tables }`.
   */
  list: managerProcedure.query(({ ctx }) => adminTables(ctx.services, ctx.staff)),
  /**
   * Creates a table (`saveTableInput` without `id`: a new unguessable code) or updates one:
   * label, seats, and `active` false/true to deactivate/reactivate (its QR code then answers
   * "not valid" / works again at once). Returns the table. Errors: BAD_REQUEST for an empty label
   * or one over 20 characters, seats not a whole number 1–50; CONFLICT (field "label") when
   * another table has the label (case ignored); NOT_FOUND for an unknown table. Nothing changes on an error.
   */
  save: managerProcedure.input(saveTableInput).mutation(({ ctx, input }) => saveTable(ctx.services, ctx.staff, input)),
  /**
   * Gives the table a new unguessable code: the printed QR codes of the table stop working at
   * once (the old code answers NOT_FOUND). Returns the table with its new code and guest URL.
   * Errors: NOT_FOUND for an unknown table.
   */
  regenerateCode: managerProcedure
    .input(tableIdInput)
    .mutation(({ ctx, input }) => regenerateTableCode(ctx.services, ctx.staff, input)),
  /**
   * What the printable QR cards and downloads show: `{ restaurantName, cards: [{ tableId, label,
   * guestUrl }] }`, for `tableId` that table (active or not), else every active table by label.
   * The dashboard's QR download routes render them. Errors: NOT_FOUND for an unknown table.
   */
  qrCards: managerProcedure
    .input(tableQrCardsInput)
    .query(({ ctx, input }) => tableQrCards(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
