import type { ReceiptInput, ReceiptView } from "@tabletap/core";
import { findReceipt } from "@tabletap/db";
import { NotFoundError } from "../errors";

/** What a guest is told for an unknown token, or a payment that is not paid (no receipt yet). */
const RECEIPT_NOT_FOUND_MESSAGE = "We couldn't find this receipt. Check the link in your text or email.";

/**
 * The GST receipt behind a receipt link (`findReceipt`): anyone holding the 128-bit token may
 * read it (the token is the secret, as in the texted link). @throws NotFoundError for an unknown
 * token or a payment that is not paid.
 */
export async function receiptByToken(input: ReceiptInput): Promise<ReceiptView> {
  const receipt = await findReceipt(input.token);
  if (!receipt) throw new NotFoundError(RECEIPT_NOT_FOUND_MESSAGE);
  return receipt;
}
