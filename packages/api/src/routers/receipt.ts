import { receiptInput } from "@tabletap/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";
import { receiptByToken } from "../use-cases/receipts";

/** GST receipts, for the guest app's `/receipts/{token}` page (the link the payer is texted and emailed). */
export const receiptRouter = {
  /**
   * The GST receipt (`ReceiptView`: tax invoice with the restaurant's GSTIN, receipt number, paid
   * at, lines, CGST/SGST, tip, total, method, refunds; paise, ISO-8601 UTC with the restaurant's
   * time zone) of the paid payment whose receipt token is `token`. Public: no sign-in, the
   * 128-bit token is the secret. Errors: BAD_REQUEST "This receipt link isn't valid" for a
   * malformed token; NOT_FOUND for an unknown token or a payment not paid yet.
   */
  get: publicProcedure.input(receiptInput).query(({ input }) => receiptByToken(input)),
} satisfies TRPCRouterRecord;
