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
export const ORDER_STATUSES = ["placed", "accepted", "preparing", "ready", "served", "cancelled", "rejected"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Payment state, kept separately from the order status. */
export const PAYMENT_STATUSES = ["unpaid", "pending", "paid", "failed", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Statuses of an order that is still in progress (shown on the kitchen display). */
export const ACTIVE_ORDER_STATUSES = [
  "placed",
  "accepted",
  "preparing",
  "ready",
] as const satisfies readonly OrderStatus[];
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

/**
 * Recall: staff take back a bump. A ticket that is ready goes back to preparing (the kitchen
 * reopens it), a served one back to ready (it returns to the pass). A SEPARATE map from
 * ORDER_TRANSITIONS, which stays forward-only: only `kitchen.recall` uses it, and only within
 * `RECALL_POLICY.windowSeconds` of the order's last status change. null: no recall.
 */
export const RECALL_TRANSITIONS: Readonly<Record<OrderStatus, OrderStatus | null>> = Object.freeze({
  placed: null,
  accepted: null,
  preparing: null,
  ready: "preparing",
  served: "ready",
  cancelled: null,
  rejected: null,
});

/** The statuses a ticket can be recalled from (ready, served): those with a RECALL_TRANSITIONS target. */
export const RECALLABLE_STATUSES = ["ready", "served"] as const satisfies readonly OrderStatus[];

/**
 * How long a bumped (ready) or served ticket can still be recalled: 600 seconds (10 minutes,
 * issue 11) after its last status change; the kitchen's "Recently done" drawer lists the
 * tickets still in that window, at most `maxRecent` (newest first).
 */
export const RECALL_POLICY = Object.freeze({ windowSeconds: 600, maxRecent: 50 });

/**
 * Why a ticket in `status` whose status last changed `sinceChangeMs` milliseconds ago can't be
 * recalled, in words for staff; null when it can (see RECALL_TRANSITIONS, RECALL_POLICY).
 */
export function recallRefusal(status: OrderStatus, sinceChangeMs: number): string | null {
  if (RECALL_TRANSITIONS[status] === null) {
    if (status === "cancelled" || status === "rejected") return `This order was ${status}; it can't be recalled`;
    return status === "preparing"
      ? "This ticket is still being prepared; there is nothing to recall"
      : "This ticket hasn't been started yet; there is nothing to recall";
  }
  const minutes = RECALL_POLICY.windowSeconds / 60;
  if (sinceChangeMs > RECALL_POLICY.windowSeconds * 1000)
    return `This ticket was ${status === "ready" ? "bumped" : "served"} more than ${minutes} minutes ago; it can't be recalled any more`;
  return null;
}

/** Guest-facing names of each status. */
/** Short names of each status, as staff say them (kitchen display, floor). Guests see `GUEST_ORDER_STATUS`. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = Object.freeze({
  placed: "Order placed",
  accepted: "Accepted",
  preparing: "Being prepared",
  ready: "Ready",
  served: "Served",
  cancelled: "Cancelled",
  rejected: "Rejected",
});

/** A status in a guest's words: a short label and one sentence under it. */
export interface GuestStatusWords {
  label: string;
  detail: string;
}

/**
 * What each status means, in the guest's words, keeping apart what the system did from what a
 * person did: `accepted` is the worker handing the order to the kitchen's screen within a second
 * (no one has seen it yet), `preparing` is a cook starting it. The reason of a cancelled or
 * rejected order is shown beside its words (`exitReason`).
 */
export const GUEST_ORDER_STATUS: Readonly<Record<OrderStatus, GuestStatusWords>> = Object.freeze({
  placed: { label: "Order received", detail: "We've got your order and are sending it to the kitchen." },
  accepted: {
    label: "Sent to the kitchen",
    detail: "Your order is on the kitchen's screen, waiting for a cook to start it.",
  },
  preparing: { label: "The kitchen has started it", detail: "A cook is preparing your food now." },
  ready: { label: "Ready — on its way to you", detail: "Your food is ready and staff are bringing it to your table." },
  served: { label: "Served", detail: "Enjoy your meal!" },
  cancelled: { label: "Cancelled", detail: "The restaurant cancelled this order." },
  rejected: { label: "Not accepted", detail: "Sorry, the restaurant couldn't take this order." },
});

/**
 * Why an order ended, when it did (cancelled or rejected): the stored reason, else the reason of
 * its last status change; null for an order still going or ended without a reason.
 */
export function exitReason(order: {
  status: OrderStatus;
  rejectionReason: string | null;
  statusHistory: readonly { status: OrderStatus; reason: string | null }[];
}): string | null {
  if (!isOrderExit(order.status)) return null;
  const reason =
    order.rejectionReason ?? order.statusHistory.findLast((c) => c.status === order.status)?.reason ?? null;
  return reason?.trim() ? reason.trim() : null;
}

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
  const allowed: readonly OrderStatus[] | undefined = (
    ORDER_TRANSITIONS as Partial<Record<string, readonly OrderStatus[]>>
  )[from];
  return allowed?.includes(to) ?? false;
}

/** The normal path an order moves along, in order (without the exits): placed → accepted → preparing → ready → served. */
export const ORDER_PATH = [
  "placed",
  "accepted",
  "preparing",
  "ready",
  "served",
] as const satisfies readonly OrderStatus[];
/** ORDER_PATH widened to any status, for `indexOf`. */
const FORWARD_PATH: readonly OrderStatus[] = ORDER_PATH;

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
 * the next status on placed → accepted → preparing → ready → served; null for served and the
 * exits (cancelled, rejected).
 */
export function nextKitchenStatus(status: OrderStatus): OrderStatus | null {
  const index = FORWARD_PATH.indexOf(status);
  return index >= 0 ? (FORWARD_PATH[index + 1] ?? null) : null;
}

/** The two ways out of the normal path ("exits" in DESIGN.md); an exit carries a reason for the guest. */
export const ORDER_EXITS = ["cancelled", "rejected"] as const satisfies readonly OrderStatus[];
export type OrderExit = (typeof ORDER_EXITS)[number];

/** True when `status` is an exit (cancelled, rejected) rather than a step of the normal path. */
export function isOrderExit(status: OrderStatus): status is OrderExit {
  return (ORDER_EXITS as readonly OrderStatus[]).includes(status);
}

/**
 * The changes a guest is texted about: the food is ready, or the order ended (cancelled or
 * rejected, with the reason). Not the steps between: the guest follows those on the order page.
 */
export const GUEST_TEXT_STATUSES = ["ready", "cancelled", "rejected"] as const satisfies readonly OrderStatus[];

/** True when a guest is texted once their order reaches `status` (see GUEST_TEXT_STATUSES). */
export function isGuestTextStatus(status: OrderStatus): boolean {
  return (GUEST_TEXT_STATUSES as readonly OrderStatus[]).includes(status);
}

/** The longest reason staff may give when an order exits (the guest sees it on their order page). */
export const EXIT_REASON_MAX_LENGTH = 200;

/** What staff may do with an order from the kitchen display, derived from ORDER_TRANSITIONS. */
export interface KitchenActions {
  /** The forward step (see `nextKitchenStatus`), or null when there is none. */
  advance: OrderStatus | null;
  /**
   * How staff take the order off the board early: "rejected" while it is placed (declining a new
   * order), "cancelled" once accepted or preparing, null once it is ready or over.
   */
  exit: OrderExit | null;
}

/**
 * The kitchen display's actions for an order in `status`:
 *
 *   placed    → advance "accepted",  exit "rejected"
 *   accepted  → advance "preparing", exit "cancelled"
 *   preparing → advance "ready",     exit "cancelled"
 *   ready     → advance "served",    exit null
 *   served, cancelled, rejected → advance null, exit null
 *
 * ORDER_TRANSITIONS also lets a placed order be cancelled, but staff decline a new order by
 * rejecting it. Every action offered is a legal transition (`canTransition` holds).
 */
export function kitchenActions(status: OrderStatus): KitchenActions {
  const exit: OrderExit | null = canTransition(status, "rejected")
    ? "rejected"
    : canTransition(status, "cancelled")
      ? "cancelled"
      : null;
  return { advance: nextKitchenStatus(status), exit };
}

/** How overdue a kitchen ticket is: "warn" (amber) from 10 minutes after it was placed, "late" (red) from 20. */
export type TicketUrgency = "ok" | "warn" | "late";
/** A ticket this old (ms since the order was placed) shows amber on the kitchen display. */
export const TICKET_WARN_AFTER_MS = 10 * 60_000;
/** A ticket this old (ms since the order was placed) is late: red and flagged "Late". */
export const TICKET_LATE_AFTER_MS = 20 * 60_000;

/** The urgency of a ticket `ageMs` milliseconds after its order was placed (see TICKET_WARN_AFTER_MS, TICKET_LATE_AFTER_MS). */
export function ticketUrgency(ageMs: number): TicketUrgency {
  return ageMs >= TICKET_LATE_AFTER_MS ? "late" : ageMs >= TICKET_WARN_AFTER_MS ? "warn" : "ok";
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
 * (ORDER_PATH): earlier steps done, its own step current (done once served), later
 * steps todo. A cancelled or rejected order sees the forward steps it reached, all done, then
 * how it ended.
 */
export function guestStatusPath(status: OrderStatus, reached: Iterable<OrderStatus>): GuestStatusStep[] {
  const at = FORWARD_PATH.indexOf(status);
  if (at === -1) {
    const seen = new Set(reached);
    return [
      ...FORWARD_PATH.filter((s) => seen.has(s)).map((s) => ({ status: s, state: "done" as const })),
      { status, state: "ended" },
    ];
  }
  return FORWARD_PATH.map((s, index) => ({
    status: s,
    state: index < at || (index === at && isTerminalOrderStatus(s)) ? "done" : index === at ? "current" : "todo",
  }));
}
