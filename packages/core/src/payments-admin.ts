/**
 * The admin panel's payments page: the day's payments and refunds (`admin.payments.list`,
 * `admin.payments.refund`; the refund input is `refundInput` in ./tab). Amounts in paise; times
 * ISO-8601 UTC.
 */
import { z } from "zod";
import type { ClaimKind, PaymentMethod } from "./bill";
import type { CounterMethod, PaymentRecordStatus, RefundStatus } from "./tab";

/** How many payments `admin.payments.list` answers per page. */
export const PAYMENTS_PAGE_SIZE = 50;

/**
 * `admin.payments.list`: the payments started on one business day ("YYYY-MM-DD" in the
 * restaurant's time zone; default today), newest first; `cursor` (the previous page's
 * `nextCursor`, an ISO-8601 UTC time) pages back.
 */
export const paymentsListInput = z.object({
  businessDate: z.iso.date({ error: "The date must be like 2026-01-31" }).optional(),
  cursor: z.iso.datetime({ error: "Not an ISO-8601 UTC time" }).optional(),
});
export type PaymentsListInput = z.infer<typeof paymentsListInput>;

/** A refund of a payment as the admin shows it. */
export interface AdminRefundView {
  id: string;
  amount: number;
  reason: string;
  status: RefundStatus;
  at: string;
  processedAt: string | null;
}

/** A payment as the admin's list shows it: `refundable` = total − refunded while paid, else 0. */
export interface AdminPaymentView {
  id: string;
  createdAt: string;
  paidAt: string | null;
  table: string;
  /** "Guest ••3210", or "Staff" for a payment staff recorded at the counter. */
  payer: string;
  method: PaymentMethod;
  counterMethod: CounterMethod | null;
  kind: ClaimKind;
  amount: number;
  tip: number;
  total: number;
  status: PaymentRecordStatus;
  refunded: number;
  refundable: number;
  refunds: AdminRefundView[];
  currency: string;
}

/** What `admin.payments.list` answers. */
export interface AdminPaymentsPage {
  businessDate: string;
  payments: AdminPaymentView[];
  nextCursor: string | null;
}
