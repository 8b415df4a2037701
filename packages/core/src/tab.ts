/**
 * The table's tab, payments, service requests and the staff floor: the zod inputs of their
 * procedures (messages written for the person who typed them), the views the API returns, and
 * the small rules both sides share (`floorState`, `splitGst`, `receiptNumber`). Plain JSON:
 * money in integer paise, times as ISO-8601 UTC strings. The arithmetic is in `./bill`.
 */
import { z } from "zod";
import {
  SPLIT_POLICY,
  TIP_PERCENT_MESSAGE,
  TIP_PERCENT_PRESETS,
  type BillAmounts,
  type ClaimKind,
  type PaymentMethod,
  type SplitInput,
  type TabTotals,
  type TipInput,
  PAYMENT_METHODS,
} from "./bill";
import type { OrderStatus } from "./order-status";
import { displayText, idempotencyKeySchema, lastEventIdSchema, objectIdSchema, tableCodeSchema } from "./schemas";
import type { OrderLineView } from "./views";
import {
  SERVICE_REQUEST_KINDS,
  SERVICE_REQUEST_POLICY,
  COUNTER_METHODS,
  FLOOR_POLICY,
  type ServiceRequestKind,
  type ServiceRequestStatus,
  type CounterMethod,
  type PaymentRecordStatus,
  type RefundStatus,
  type SessionCloseReason,
  type TableFloorState,
} from "./tab-vocabulary";

export * from "./tab-vocabulary";

// ---------------------------------------------------------------------------------------------
// Inputs

/** `tab.get`: the table whose open session's tab to show. */
export const tabInput = z.object({ tableCode: tableCodeSchema });
export type TabInput = z.infer<typeof tabInput>;

/** `tab.onUpdate`: the table, and where a reconnecting client resumes. */
export const tabSubscriptionInput = tabInput.extend({ lastEventId: lastEventIdSchema });
export type TabSubscriptionInput = z.infer<typeof tabSubscriptionInput>;

const TIP_NEGATIVE = "A tip can't be negative";
const TIP_FRACTION = "A tip is a whole number of paise";

/** A tip: paise (a non-negative integer) or `{ percent: 0 | 5 | 10 }`. The share's cap is checked by `tipAmount`. */
export const tipInput = z.union(
  [
    z
      .number()
      .min(0, TIP_NEGATIVE)
      .refine((tip) => Number.isSafeInteger(tip), TIP_FRACTION),
    z.object({ percent: z.literal(TIP_PERCENT_PRESETS) }),
  ],
  {
    error: (issue) =>
      typeof issue.input === "object" && issue.input !== null
        ? TIP_PERCENT_MESSAGE
        : "Enter the tip as an amount or a percentage",
  },
) satisfies z.ZodType<TipInput>;

const PARTS_MESSAGE = `Split between 1 and ${SPLIT_POLICY.maxParts} people`;
const PART_INDEX_MESSAGE = "Choose which part you're paying";
const LINE_ID_MESSAGE = "That item isn't valid. Refresh the bill and choose again.";

/** A tab line's id, `${orderId}:${lineIndex}` (`tabLineId`). */
export const tabLineIdSchema = z
  .string({ error: LINE_ID_MESSAGE })
  .regex(/^[0-9a-fA-F]{24}:(0|[1-9][0-9]{0,2})$/, LINE_ID_MESSAGE);

/**
 * How the payer splits the bill (`SplitInput`): `full`; `equal` with parts 1…20 and partIndex
 * 0…parts−1; `items` with 1…200 distinct line ids.
 */
export const splitInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("full") }),
    z
      .object({
        kind: z.literal("equal"),
        parts: z
          .number({ error: PARTS_MESSAGE })
          .int(PARTS_MESSAGE)
          .min(1, PARTS_MESSAGE)
          .max(SPLIT_POLICY.maxParts, PARTS_MESSAGE),
        partIndex: z.number({ error: PART_INDEX_MESSAGE }).int(PART_INDEX_MESSAGE).min(0, PART_INDEX_MESSAGE),
      })
      .refine((split) => split.parts < 1 || split.partIndex < split.parts, {
        message: PART_INDEX_MESSAGE,
        path: ["partIndex"],
      }),
    z.object({
      kind: z.literal("items"),
      lineIds: z
        .array(tabLineIdSchema, { error: "Choose the items you're paying for" })
        .min(1, "Choose the items you're paying for")
        .max(SPLIT_POLICY.maxLineIds, `You can choose at most ${SPLIT_POLICY.maxLineIds} items`)
        .refine((ids) => new Set(ids).size === ids.length, "Each item can be chosen only once"),
    }),
  ],
  { error: "Choose how to pay: the whole bill, an equal part or your items" },
) satisfies z.ZodType<SplitInput>;

/**
 * `payment.start`: pay part of the table's tab. `idempotencyKey` makes a retried tap return the
 * same payment; the amount is always computed by the server from `split` and `tip`.
 */
export const paymentStartInput = z.object({
  tableCode: tableCodeSchema,
  idempotencyKey: idempotencyKeySchema,
  method: z.enum(PAYMENT_METHODS, { error: "Choose to pay online or at the counter" }),
  tip: tipInput.default(0),
  split: splitInput,
});
export type PaymentStartInput = z.infer<typeof paymentStartInput>;

const GATEWAY_MESSAGE = "This payment's details aren't valid. Please try paying again.";

function gatewayField(max: number) {
  return z.string({ error: GATEWAY_MESSAGE }).min(1, GATEWAY_MESSAGE).max(max, GATEWAY_MESSAGE);
}

/** `payment.verify`: what Razorpay Checkout hands back to the browser after a payment. */
export const paymentVerifyInput = z.object({
  paymentId: objectIdSchema,
  razorpayOrderId: gatewayField(100),
  razorpayPaymentId: gatewayField(100),
  razorpaySignature: gatewayField(128),
});
export type PaymentVerifyInput = z.infer<typeof paymentVerifyInput>;

/** `service.request`: call a waiter, ask for water or for the bill. */
export const serviceRequestInput = z.object({
  tableCode: tableCodeSchema,
  kind: z.enum(SERVICE_REQUEST_KINDS, { error: "Choose what you need: a waiter, water or the bill" }),
});
export type ServiceRequestInput = z.infer<typeof serviceRequestInput>;

const AMOUNT_MESSAGE = "Enter an amount more than zero";

/** A positive amount of money in paise, as staff enter it. */
const positiveAmountSchema = z
  .number({ error: AMOUNT_MESSAGE })
  .int("An amount is a whole number of paise")
  .positive(AMOUNT_MESSAGE);

/** `floor.settle`: staff record a counter payment of `amount` paise for a table session. */
export const floorSettleInput = z.object({
  tableSessionId: objectIdSchema,
  method: z.enum(COUNTER_METHODS, { error: "Choose cash, card or UPI" }),
  amount: positiveAmountSchema,
});
export type FloorSettleInput = z.infer<typeof floorSettleInput>;

/** `floor.onUpdate`: where a reconnecting client resumes. */
export const floorSubscriptionInput = z.object({ lastEventId: lastEventIdSchema });
export type FloorSubscriptionInput = z.infer<typeof floorSubscriptionInput>;

/** `floor.tab`, `floor.closeSession`: one table session. */
export const floorSessionInput = z.object({ tableSessionId: objectIdSchema });
export type FloorSessionInput = z.infer<typeof floorSessionInput>;

/** `floor.acknowledge`, `floor.resolve`: one service request of a session. */
export const floorRequestInput = floorSessionInput.extend({ requestId: objectIdSchema });
export type FloorRequestInput = z.infer<typeof floorRequestInput>;

/** `floor.moveSession`: move a session to another (active, free) table. */
export const floorMoveInput = floorSessionInput.extend({ toTableId: objectIdSchema });
export type FloorMoveInput = z.infer<typeof floorMoveInput>;

const REASON_MIN = 3;
const REASON_MAX = 200;

/** `admin.payments.refund`: refund `amount` paise of a payment, with the reason (`displayText`, 3–200 characters). */
export const refundInput = z.object({
  paymentId: objectIdSchema,
  amount: positiveAmountSchema,
  reason: displayText(REASON_MAX, `A reason can be at most ${REASON_MAX} characters`).min(
    REASON_MIN,
    "Give a reason for the refund",
  ),
});
export type RefundInput = z.infer<typeof refundInput>;

const RECEIPT_MESSAGE = "This receipt link isn't valid";

/** `payment.receipt`: the receipt link's token (22–64 base64url characters; the token is the secret). */
export const receiptInput = z.object({
  token: z.string({ error: RECEIPT_MESSAGE }).regex(/^[A-Za-z0-9_-]{22,64}$/, RECEIPT_MESSAGE),
});
export type ReceiptInput = z.infer<typeof receiptInput>;

// ---------------------------------------------------------------------------------------------
// Views

/** Who: "You", a guest's label or a staff member's name; `mine` is true for the viewer (always false for staff). */
export interface PersonLabel {
  label: string;
  mine: boolean;
}

/** A tab line: the order line, its id, its share of the bill and what covers it. */
export interface TabLineView extends OrderLineView {
  lineId: string;
  amounts: BillAmounts;
  coveredBy: "paid" | "pending" | null;
}

/** One round: an order of the session, with who ordered it. Amounts in paise; `placedAt` ISO-8601 UTC. */
export interface TabRoundView {
  orderId: string;
  number: string;
  placedAt: string;
  status: OrderStatus;
  guest: PersonLabel;
  lines: TabLineView[];
  subtotal: number;
  serviceCharge: number;
  tax: number;
  total: number;
}

/** A payment on the tab. `amount` = the share's total, `total` = amount + tip (paise). Times ISO-8601 UTC. */
export interface TabPaymentView {
  id: string;
  payer: PersonLabel;
  kind: ClaimKind;
  parts: number | null;
  partIndex: number | null;
  method: PaymentMethod;
  counterMethod: CounterMethod | null;
  amount: number;
  tip: number;
  total: number;
  status: PaymentRecordStatus;
  createdAt: string;
  paidAt: string | null;
  /**
   * The secret of the payment's receipt link (`receiptPath`): set only in its payer's own view
   * of it once it is paid; null for everyone else at the table, for staff, and before it is paid
   * (whoever holds it can read the receipt).
   */
  receiptToken: string | null;
}

/** A service request (times ISO-8601 UTC); `mine` is true when the viewer made it. */
export interface ServiceRequestView {
  id: string;
  kind: ServiceRequestKind;
  status: ServiceRequestStatus;
  createdAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  mine: boolean;
}

/** An open (or just closed) table session's bill as its guests and staff see it. */
export interface TabSessionView {
  id: string;
  status: "open" | "closed";
  openedAt: string;
  guests: number;
  rounds: TabRoundView[];
  totals: TabTotals;
  payments: TabPaymentView[];
  /** The equal split under way: its parts, those taken, and each part's total in paise. */
  equalSplit: { parts: number; partsTaken: number[]; partAmount: number[] } | null;
  /** Open and acknowledged requests, and those resolved in the last `SERVICE_REQUEST_POLICY.resolvedVisibleSeconds`. */
  requests: ServiceRequestView[];
}

/** What `tab.get` / `tab.onUpdate` / `floor.tab` return; `session` is null when the table has no open session. */
export interface TabView {
  table: { label: string };
  session: TabSessionView | null;
  currency: string;
  /** GST in basis points (500 = 5 %). */
  taxBps: number;
  /** Service charge in basis points (0 = none). */
  serviceChargeBps: number;
}

/** What `payment.start` returns: the payment and, for an online one, what Razorpay Checkout needs. */
export interface PaymentStartView {
  payment: TabPaymentView;
  checkout: null | {
    keyId: string;
    razorpayOrderId: string;
    /** Paise. */
    amount: number;
    currency: string;
    /** The restaurant's name, shown in Checkout. */
    name: string;
    prefill: { contact: string };
    scriptUrl: string;
  };
}

/** A table on the staff floor view. */
export interface FloorTableView {
  tableId: string;
  label: string;
  seats: number;
  state: TableFloorState;
  session: null | {
    id: string;
    openedAt: string;
    guests: number;
    orders: number;
    totals: TabTotals;
    /** Counter payments awaiting staff ("Pay at the counter"); `total` in paise, tip included. */
    pendingCounter: { paymentId: string; payer: string; total: number }[];
    requests: ServiceRequestView[];
  };
  /** When the table's last session closed (ISO-8601 UTC), null if never. */
  lastClosedAt: string | null;
}

/** What `floor.tables` / `floor.onUpdate` return. */
export interface FloorView {
  /** The restaurant's currency (ISO 4217), the unit of every amount on the floor. */
  currency: string;
  tables: FloorTableView[];
}

/** A line on a GST receipt (items and full payments list the lines they covered). */
export interface ReceiptLineView {
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  amounts: BillAmounts;
}

/** A GST receipt for one payment (`payment.receipt`). Amounts in paise; times ISO-8601 UTC. */
export interface ReceiptView {
  restaurant: { name: string; gstin: string | null; address: string | null };
  /** `receiptNumber`: "R-YYYYMMDD-0001". */
  number: string;
  paidAt: string;
  /** The restaurant's IANA time zone: receipts show `paidAt` and refund times in it. */
  timeZone: string;
  table: string;
  payer: string | null;
  split: { kind: ClaimKind; parts: number | null; partIndex: number | null };
  /** The covered lines (items and full payments), [] for equal parts and amounts. */
  lines: ReceiptLineView[];
  amounts: BillAmounts;
  /** GST rate in basis points. */
  taxBps: number;
  /** `splitGst(amounts.tax)`. */
  cgst: number;
  sgst: number;
  tip: number;
  total: number;
  method: PaymentMethod;
  counterMethod: CounterMethod | null;
  refunds: { amount: number; reason: string; at: string; status: RefundStatus }[];
  refunded: number;
  currency: string;
}

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * Whether a service request still shows on the tab and the floor at `now`: open and
 * acknowledged ones always; resolved ones for `SERVICE_REQUEST_POLICY.resolvedVisibleSeconds`.
 */
export function isServiceRequestVisible(
  request: Pick<ServiceRequestView, "status" | "resolvedAt">,
  now: Date,
): boolean {
  if (request.status !== "resolved") return true;
  return (
    request.resolvedAt !== null &&
    now.getTime() - Date.parse(request.resolvedAt) < SERVICE_REQUEST_POLICY.resolvedVisibleSeconds * 1000
  );
}

/** What `floorState` needs to know about a table. */
export interface FloorStateInput {
  /** The table's open session, or null. */
  session: null | {
    /** Its service requests (any status). */
    requests: readonly Pick<ServiceRequestView, "kind" | "status">[];
    /** How many live claims (`liveClaims`: paid, or pending and not lapsed) it has. */
    claims: number;
    /** The statuses of its orders. */
    orderStatuses: readonly OrderStatus[];
  };
  /** The table's last closed session (ISO-8601 UTC and why), or null. */
  lastClosed: { at: string; reason: SessionCloseReason } | null;
}

/**
 * A table's state on the floor at `now`, the one rule the floor view and its tests use:
 * - no open session: "paid" if the last session closed paid less than
 *   `FLOOR_POLICY.paidStateSeconds` ago, else "free";
 * - open: "waiting_for_bill" if a bill request is open or acknowledged, or anyone has claimed
 *   part of the tab; else "eating" if an order has been served; else "ordering".
 */
export function floorState(input: FloorStateInput, now: Date): TableFloorState {
  const { session, lastClosed } = input;
  if (!session) {
    const recentlyPaid =
      lastClosed?.reason === "paid" && now.getTime() - Date.parse(lastClosed.at) < FLOOR_POLICY.paidStateSeconds * 1000;
    return recentlyPaid ? "paid" : "free";
  }
  const billAsked = session.requests.some((request) => request.kind === "bill" && request.status !== "resolved");
  if (billAsked || session.claims > 0) return "waiting_for_bill";
  return session.orderStatuses.includes("served") ? "eating" : "ordering";
}

/**
 * The GST in `tax` paise as its two halves for an intra-state supply: CGST and SGST (or UTGST)
 * are levied at equal rates (CGST Act 2017, s. 9; the SGST Acts), so each is half; the odd paisa
 * goes to CGST. `splitGst(1001)` → { cgst: 501, sgst: 500 }.
 *
 * @throws RangeError when `tax` is negative or fractional.
 */
export function splitGst(tax: number): { cgst: number; sgst: number } {
  if (!Number.isSafeInteger(tax) || tax < 0) {
    throw new RangeError(`tax must be a non-negative integer, got ${String(tax)}`);
  }
  const sgst = Math.floor(tax / 2);
  return { cgst: tax - sgst, sgst };
}

/**
 * A receipt's number, "R-YYYYMMDD-0042": the restaurant's business date and its consecutive
 * serial for that date (at least 4 digits). Unique per restaurant and financial year, at most 16
 * characters of letters, digits and hyphens, as a GST tax invoice's serial number must be (CGST
 * Rules 2017, rule 46(b)).
 *
 * @param businessDate "YYYY-MM-DD" (`businessDate`)
 * @param serial 1…99 999
 * @throws RangeError for a malformed date or a serial out of range.
 */
export function receiptNumber(businessDate: string, serial: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(businessDate)) {
    throw new RangeError(`businessDate must be YYYY-MM-DD, got ${businessDate}`);
  }
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > 99_999) {
    throw new RangeError(`serial must be an integer 1…99999, got ${String(serial)}`);
  }
  return `R-${businessDate.replaceAll("-", "")}-${String(serial).padStart(4, "0")}`;
}
