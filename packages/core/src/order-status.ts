/**
 * The order state machine. This module is the single place the allowed status changes are
 * defined (see DESIGN.md, "Order states"); the API and the worker both enforce it through
 * `assertTransition`.
 *
 *   placed → accepted → preparing → ready → served
 *   placed → rejected            (the restaurant declines a new order)
 *   placed | accepted | preparing → cancelled   (not once the food is ready)
 *
 * `served`, `cancelled` and `rejected` are terminal.
 */

/** Every order status, in the order an order normally moves through them, then the two exits. */
export const ORDER_STATUSES = [
  "placed",
  "accepted",
  "preparing",
  "ready",
  "served",
  "cancelled",
  "rejected",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Payment state, kept separately from the order status. */
export const PAYMENT_STATUSES = ["unpaid", "pending", "paid", "failed", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Statuses of an order that is still in progress (shown on the kitchen display). */
export const ACTIVE_ORDER_STATUSES = ["placed", "accepted", "preparing", "ready"] as const satisfies readonly OrderStatus[];
export type ActiveOrderStatus = (typeof ACTIVE_ORDER_STATUSES)[number];

/** Statuses an order can never leave. */
export const TERMINAL_ORDER_STATUSES = ["served", "cancelled", "rejected"] as const satisfies readonly OrderStatus[];

/** For each status, the statuses it may move to. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  placed: Object.freeze(["accepted", "rejected", "cancelled"] as const),
  accepted: Object.freeze(["preparing", "cancelled"] as const),
  preparing: Object.freeze(["ready", "cancelled"] as const),
  ready: Object.freeze(["served"] as const),
  served: Object.freeze([] as const),
  cancelled: Object.freeze([] as const),
  rejected: Object.freeze([] as const),
});

/** Guest-facing names of each status. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = Object.freeze({
  placed: "Order placed",
  accepted: "Accepted",
  preparing: "Being prepared",
  ready: "Ready",
  served: "Served",
  cancelled: "Cancelled",
  rejected: "Rejected",
});

/** True when `status` is one of ORDER_STATUSES (for narrowing untrusted strings). */
export function isOrderStatus(status: unknown): status is OrderStatus {
  return typeof status === "string" && (ORDER_STATUSES as readonly string[]).includes(status);
}

/** True when `status` is still in progress (placed, accepted, preparing, ready). */
export function isActiveOrderStatus(status: OrderStatus): status is ActiveOrderStatus {
  return (ACTIVE_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}

/** True when no transition leaves `status` (served, cancelled, rejected). */
export function isTerminalOrderStatus(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

/**
 * True when an order in `from` may move to `to`. Moving to the same status is never allowed.
 * Safe for unchecked strings (e.g. read from the database): an unknown status gives false.
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  const allowed: readonly OrderStatus[] | undefined = (ORDER_TRANSITIONS as Partial<Record<string, readonly OrderStatus[]>>)[from];
  return allowed?.includes(to) ?? false;
}

/**
 * The normal forward path of an order, placed → accepted → preparing → ready → served: the
 * guest's timeline, and how "moving back" is told from "skipping ahead".
 */
export const ORDER_FORWARD_PATH = ["placed", "accepted", "preparing", "ready", "served"] as const satisfies readonly OrderStatus[];
const FORWARD_PATH: readonly OrderStatus[] = ORDER_FORWARD_PATH;

function transitionMessage(from: OrderStatus, to: OrderStatus): string {
  if (isTerminalOrderStatus(from) || from === to) return `This order is already ${from}`;
  if (to === "cancelled") return `An order that is ${from} can't be cancelled`;
  if (to === "rejected") return `An order that is ${from} can't be rejected; only a newly placed order can be`;
  const fromIndex = FORWARD_PATH.indexOf(from);
  const toIndex = FORWARD_PATH.indexOf(to);
  if (toIndex < fromIndex) return `An order that is ${from} can't be moved back to ${to}`;
  return `An order that is ${from} can't skip ahead to ${to}`;
}

/**
 * Thrown by `assertTransition` for a status change the state machine does not allow.
 * `message` is written for staff and guests, e.g. "An order that is ready can't be moved back
 * to preparing" or "This order is already served".
 */
export class IllegalTransitionError extends Error {
  override readonly name = "IllegalTransitionError";
  readonly from: OrderStatus;
  readonly to: OrderStatus;

  constructor(from: OrderStatus, to: OrderStatus) {
    super(transitionMessage(from, to));
    this.from = from;
    this.to = to;
  }
}

/**
 * Does nothing when `from → to` is allowed.
 * @throws IllegalTransitionError otherwise (including `from === to`).
 */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/**
 * The forward step staff take from the kitchen display ("Accept", "Start", "Ready", "Served"):
 * placed → accepted → preparing → ready → served; null for terminal statuses.
 */
export function nextKitchenStatus(status: OrderStatus): OrderStatus | null {
  switch (status) {
    case "placed":
      return "accepted";
    case "accepted":
      return "preparing";
    case "preparing":
      return "ready";
    case "ready":
      return "served";
    default:
      return null;
  }
}

/** One step of the status path shown to a guest (see `guestStatusPath`). */
export interface GuestStatusStep {
  status: OrderStatus;
  /**
   * done: reached and left (or `served`, the happy end); current: the order's status now;
   * todo: not reached yet; ended: the `cancelled` or `rejected` the order stopped at.
   */
  state: "done" | "current" | "todo" | "ended";
}

/**
 * The steps to show a guest for an order now in `status` that has been through the statuses
 * in `reached` (its status history). An order on the forward path sees the whole path
 * (ORDER_FORWARD_PATH): earlier steps done, its own step current (done once served), later
 * steps todo. A cancelled or rejected order sees the forward steps it reached, all done, then
 * how it ended.
 */
export function guestStatusPath(status: OrderStatus, reached: Iterable<OrderStatus>): GuestStatusStep[] {
  const at = FORWARD_PATH.indexOf(status);
  if (at === -1) {
    const seen = new Set(reached);
    return [...FORWARD_PATH.filter((s) => seen.has(s)).map((s) => ({ status: s, state: "done" as const })), { status, state: "ended" }];
  }
  return FORWARD_PATH.map((s, index) => ({
    status: s,
    state: index < at || (index === at && isTerminalOrderStatus(s)) ? "done" : index === at ? "current" : "todo",
  }));
}
