/**
 * The GST receipt's wording, shared by the receipt email (@tabletap/notify), the guest's
 * `/receipts/{token}` page and the worker that sends receipts: the link, how a payment was made
 * and which part of the bill it paid, the GST rates, and the time shown.
 */
import { billTotal } from "./bill";
import { COUNTER_METHOD_LABELS, type ReceiptView } from "./tab";

/**
 * The worker's receipt relay: it looks for paid payments whose receipt is pending every
 * `intervalMs`, takes at most `batchSize` per pass, and may take over a receipt another worker
 * claimed (`receipt.status` "sending") more than `claimTimeoutSeconds` ago (that worker died or
 * its send failed: the send is retried, at worst sent twice, never lost).
 */
export const RECEIPT_POLICY = { intervalMs: 2_000, batchSize: 25, claimTimeoutSeconds: 300 } as const;

/** The guest app's page of a receipt, `/receipts/{token}`: where the payer's bill links to it after paying. */
export function receiptPath(token: string): string {
  return `/receipts/${encodeURIComponent(token)}`;
}

/**
 * The link to a receipt, texted to the payer and printed in the email: the guest app's
 * `/receipts/{token}` page (`receiptPath`; `guestAppUrl` is the `GUEST_APP_URL` origin, without a
 * trailing slash).
 */
export function receiptUrl(guestAppUrl: string, token: string): string {
  return `${guestAppUrl}${receiptPath(token)}`;
}

/** How it was paid: "Online (Razorpay)", "Cash at the counter", "Card at the counter", "UPI at the counter". */
export function receiptMethodLabel(receipt: Pick<ReceiptView, "method" | "counterMethod">): string {
  if (receipt.method === "online") return "Online (Razorpay)";
  return receipt.counterMethod ? `${COUNTER_METHOD_LABELS[receipt.counterMethod]} at the counter` : "At the counter";
}

/** Which part of the bill it paid: "Whole bill", "Share 2 of 3", "Selected items", "Part of the bill". */
export function receiptSplitLabel(receipt: Pick<ReceiptView, "split">): string {
  const { kind, parts, partIndex } = receipt.split;
  switch (kind) {
    case "full":
      return "Whole bill";
    case "equal":
      return parts !== null && partIndex !== null ? `Share ${partIndex + 1} of ${parts}` : "Equal share";
    case "items":
      return "Selected items";
    case "amount":
    default:
      return "Part of the bill";
  }
}

/** A rate in basis points as a percentage: 250 → "2.5%", 500 → "5%". */
function percent(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}

/**
 * The receipt's tax rows' names: the GST rate is levied half as CGST and half as SGST
 * (intra-state supply, `splitGst`): taxBps 500 → { cgst: "CGST 2.5%", sgst: "SGST 2.5%" }.
 */
export function gstLabels(taxBps: number): { cgst: string; sgst: string } {
  return { cgst: `CGST ${percent(taxBps / 2)}`, sgst: `SGST ${percent(taxBps / 2)}` };
}

/** One figure of a receipt: its name, paise, and whether it is a total (shown in bold, ruled above). */
export interface ReceiptFigure {
  label: string;
  amount: number;
  total: boolean;
}

/**
 * A receipt's figures in order, as the email and the receipt page show them: subtotal, service
 * charge (when non-zero), CGST and SGST (`gstLabels`), the bill total; then the tip (untaxed, so
 * after the bill total) when non-zero, and the amount paid.
 */
export function receiptFigures(receipt: ReceiptView): ReceiptFigure[] {
  const gst = gstLabels(receipt.taxBps);
  return [
    { label: "Subtotal", amount: receipt.amounts.subtotal, total: false },
    ...(receipt.amounts.serviceCharge
      ? [{ label: "Service charge", amount: receipt.amounts.serviceCharge, total: false }]
      : []),
    { label: gst.cgst, amount: receipt.cgst, total: false },
    { label: gst.sgst, amount: receipt.sgst, total: false },
    { label: "Bill total", amount: billTotal(receipt.amounts), total: true },
    ...(receipt.tip ? [{ label: "Tip (no GST)", amount: receipt.tip, total: false }] : []),
    { label: "Amount paid", amount: receipt.total, total: true },
  ];
}

/** The receipt's heading: "Tax invoice" when the restaurant has a GSTIN, else "Receipt" (only a registered supplier issues tax invoices). */
export function receiptTitle(receipt: Pick<ReceiptView, "restaurant">): string {
  return receipt.restaurant.gstin ? "Tax invoice" : "Receipt";
}

/** A refund's state as a receipt notes it: nothing once processed. */
export const REFUND_STATUS_NOTES = { pending: "in progress", processed: null, failed: "failed" } as const;
