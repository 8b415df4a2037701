/**
 * The words of the table's tab, payments, service requests and the staff floor: their kinds,
 * statuses and labels, and the small policies both sides show. Plain constants with no schema
 * library, so pages that only show a tab (the guest's bill) don't load zod; re-exported by
 * `./tab`, which adds the inputs, views and rules.
 */
/** What a guest can ask staff for from the tab. */
export const SERVICE_REQUEST_KINDS = ["waiter", "water", "bill"] as const;
export type ServiceRequestKind = (typeof SERVICE_REQUEST_KINDS)[number];

/** The guest's buttons and the staff's chips, by kind. */
export const SERVICE_REQUEST_LABELS: Readonly<Record<ServiceRequestKind, string>> = Object.freeze({
  waiter: "Call a waiter",
  water: "Water",
  bill: "Ask for the bill",
});

/** A request is open until staff acknowledge it (the guest sees "On the way"), then resolved. */
export const SERVICE_REQUEST_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** Resolved requests stay on the tab and the floor for `resolvedVisibleSeconds` (10 minutes). */
export const SERVICE_REQUEST_POLICY = { resolvedVisibleSeconds: 600 } as const;

/** How staff record a counter payment. */
export const COUNTER_METHODS = ["cash", "card", "upi"] as const;
export type CounterMethod = (typeof COUNTER_METHODS)[number];

/** The counter methods' names, as the "Settle at counter" form and the receipt show them. */
export const COUNTER_METHOD_LABELS: Readonly<Record<CounterMethod, string>> = Object.freeze({
  cash: "Cash",
  card: "Card",
  upi: "UPI",
});

/**
 * A payment's state: `created` (online, in Razorpay Checkout), `pending` (counter, awaiting
 * staff), `paid`, `failed` (declined at Razorpay), `cancelled` (lapsed or withdrawn).
 */
export const PAYMENT_RECORD_STATUSES = ["created", "pending", "paid", "failed", "cancelled"] as const;
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number];

/** A refund's state at Razorpay (counter refunds are `processed` at once). */
export const REFUND_STATUSES = ["pending", "processed", "failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Why a table session closed: fully paid, or closed empty by staff (a moved session stays open, at its new table). */
export const SESSION_CLOSE_REASONS = ["paid", "empty"] as const;
export type SessionCloseReason = (typeof SESSION_CLOSE_REASONS)[number];

/** A table's state on the staff floor view (`floorState`). */
export const TABLE_FLOOR_STATES = ["free", "ordering", "eating", "waiting_for_bill", "paid"] as const;
export type TableFloorState = (typeof TABLE_FLOOR_STATES)[number];

/** The floor states' names on the dashboard. */
export const TABLE_FLOOR_STATE_LABELS: Readonly<Record<TableFloorState, string>> = Object.freeze({
  free: "Free",
  ordering: "Ordering",
  eating: "Eating",
  waiting_for_bill: "Waiting for the bill",
  paid: "Paid",
});

/** A table shows "paid" for `paidStateSeconds` (15 minutes) after its session closed paid, then "free". */
export const FLOOR_POLICY = { paidStateSeconds: 900 } as const;
