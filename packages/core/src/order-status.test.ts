import { describe, expect, it } from "vitest";
import {
  ACTIVE_ORDER_STATUSES,
  EXIT_REASON_MAX_LENGTH,
  IllegalTransitionError,
  ORDER_EXITS,
  ORDER_PATH,
  ORDER_STATUSES,
  ORDER_STATUS_LABELS,
  ORDER_TRANSITIONS,
  GUEST_ORDER_STATUS,
  exitReason,
  PAYMENT_STATUSES,
  RECALL_POLICY,
  RECALL_TRANSITIONS,
  RECALLABLE_STATUSES,
  assertTransition,
  canTransition,
  guestStatusPath,
  TICKET_LATE_AFTER_MS,
  TICKET_WARN_AFTER_MS,
  isActiveOrderStatus,
  isOrderExit,
  isOrderStatus,
  isTerminalOrderStatus,
  kitchenActions,
  nextKitchenStatus,
  recallRefusal,
  ticketUrgency,
  type OrderStatus,
} from "./order-status";

const ALLOWED: readonly [OrderStatus, OrderStatus][] = [
  ["placed", "accepted"],
  ["placed", "rejected"],
  ["placed", "cancelled"],
  ["accepted", "preparing"],
  ["accepted", "cancelled"],
  ["preparing", "ready"],
  ["preparing", "cancelled"],
  ["ready", "served"],
];
const isAllowed = (from: OrderStatus, to: OrderStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = ORDER_STATUSES.flatMap((from) =>
  ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]),
);
const ILLEGAL = ALL_PAIRS.filter(([from, to]) => !isAllowed(from, to));

describe("status lists", () => {
  it("has the statuses in order", () => {
    expect(ORDER_STATUSES).toEqual(["placed", "accepted", "preparing", "ready", "served", "cancelled", "rejected"]);
    expect(PAYMENT_STATUSES).toEqual(["unpaid", "pending", "paid", "failed", "refunded"]);
    expect(ACTIVE_ORDER_STATUSES).toEqual(["placed", "accepted", "preparing", "ready"]);
  });

  it("labels every status for guests", () => {
    expect(ORDER_STATUS_LABELS).toEqual({
      placed: "Order placed",
      accepted: "Accepted",
      preparing: "Being prepared",
      ready: "Ready",
      served: "Served",
      cancelled: "Cancelled",
      rejected: "Rejected",
    });
  });

  it("classifies statuses", () => {
    expect(ORDER_STATUSES.filter(isTerminalOrderStatus)).toEqual(["served", "cancelled", "rejected"]);
    expect(ORDER_STATUSES.filter(isActiveOrderStatus)).toEqual(["placed", "accepted", "preparing", "ready"]);
    expect(isOrderStatus("ready")).toBe(true);
    expect(isOrderStatus("done")).toBe(false);
    expect(isOrderStatus(3)).toBe(false);
  });

  it("freezes the transition table", () => {
    expect(Object.isFrozen(ORDER_TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(ORDER_TRANSITIONS.placed)).toBe(true);
  });
});

describe("transitions", () => {
  it("has exactly the allowed transitions", () => {
    const table = ORDER_STATUSES.flatMap((from) => ORDER_TRANSITIONS[from].map((to) => [from, to]));
    expect(table).toEqual(ALLOWED);
  });

  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(ILLEGAL)("rejects %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toBeInstanceOf(Error);
    const illegal = error as IllegalTransitionError;
    expect(illegal.from).toBe(from);
    expect(illegal.to).toBe(to);
    expect(illegal.name).toBe("IllegalTransitionError");
    expect(illegal.message.length).toBeGreaterThan(0);
  });

  it("explains illegal transitions in plain words", () => {
    const message = (from: OrderStatus, to: OrderStatus) => new IllegalTransitionError(from, to).message;
    expect(message("ready", "preparing")).toBe("An order that is ready can't be moved back to preparing");
    expect(message("accepted", "placed")).toBe("An order that is accepted can't be moved back to placed");
    expect(message("served", "ready")).toBe("This order is already served");
    expect(message("served", "served")).toBe("This order is already served");
    expect(message("cancelled", "accepted")).toBe("This order is already cancelled");
    expect(message("rejected", "cancelled")).toBe("This order is already rejected");
    expect(message("preparing", "preparing")).toBe("This order is already preparing");
    expect(message("ready", "cancelled")).toBe("An order that is ready can't be cancelled");
    expect(message("accepted", "rejected")).toBe(
      "An order that is accepted can't be rejected; only a newly placed order can be",
    );
    expect(message("placed", "ready")).toBe("An order that is placed can't skip ahead to ready");
  });
});

describe("unknown statuses", () => {
  it("never allows a transition from or to a status that doesn't exist", () => {
    expect(canTransition("done" as OrderStatus, "served")).toBe(false);
    expect(canTransition("placed", "done" as OrderStatus)).toBe(false);
  });
});

describe("nextKitchenStatus", () => {
  it("steps forward through the kitchen", () => {
    expect(nextKitchenStatus("placed")).toBe("accepted");
    expect(nextKitchenStatus("accepted")).toBe("preparing");
    expect(nextKitchenStatus("preparing")).toBe("ready");
    expect(nextKitchenStatus("ready")).toBe("served");
  });

  it("has no step from terminal statuses", () => {
    expect(nextKitchenStatus("served")).toBeNull();
    expect(nextKitchenStatus("cancelled")).toBeNull();
    expect(nextKitchenStatus("rejected")).toBeNull();
  });

  it("only ever proposes a legal transition", () => {
    for (const status of ORDER_STATUSES) {
      const next = nextKitchenStatus(status);
      if (next) expect(canTransition(status, next)).toBe(true);
    }
  });
});

describe("kitchenActions", () => {
  it("offers the forward step and the way out for each status", () => {
    expect(kitchenActions("placed")).toEqual({ advance: "accepted", exit: "rejected" });
    expect(kitchenActions("accepted")).toEqual({ advance: "preparing", exit: "cancelled" });
    expect(kitchenActions("preparing")).toEqual({ advance: "ready", exit: "cancelled" });
    expect(kitchenActions("ready")).toEqual({ advance: "served", exit: null });
  });

  it("offers nothing once the order is over", () => {
    for (const status of ["served", "cancelled", "rejected"] as const)
      expect(kitchenActions(status)).toEqual({ advance: null, exit: null });
  });

  it("only ever offers legal transitions", () => {
    for (const status of ORDER_STATUSES) {
      const { advance, exit } = kitchenActions(status);
      if (advance) expect(canTransition(status, advance)).toBe(true);
      if (exit) expect(canTransition(status, exit)).toBe(true);
    }
  });
});

describe("path and exits", () => {
  it("are the five steps, then cancelled and rejected", () => {
    expect(ORDER_EXITS).toEqual(["cancelled", "rejected"]);
    expect(ORDER_PATH).toEqual(["placed", "accepted", "preparing", "ready", "served"]);
    expect(ORDER_STATUSES.filter(isOrderExit)).toEqual(["cancelled", "rejected"]);
    expect(EXIT_REASON_MAX_LENGTH).toBe(200);
  });
});

describe("ticketUrgency", () => {
  it("turns amber at 10 and red at 20 minutes after the order was placed", () => {
    expect(ticketUrgency(0)).toBe("ok");
    expect(ticketUrgency(9 * 60_000 + 59_000)).toBe("ok");
    expect(ticketUrgency(10 * 60_000)).toBe("warn");
    expect(ticketUrgency(19 * 60_000 + 59_000)).toBe("warn");
    expect(ticketUrgency(20 * 60_000)).toBe("late");
    expect(TICKET_WARN_AFTER_MS).toBe(10 * 60_000);
    expect(TICKET_LATE_AFTER_MS).toBe(20 * 60_000);
  });
});

describe("guestStatusPath", () => {
  it("shows the whole forward path for an order in progress", () => {
    expect(guestStatusPath("preparing", ["placed", "accepted", "preparing"])).toEqual([
      { status: "placed", state: "done" },
      { status: "accepted", state: "done" },
      { status: "preparing", state: "current" },
      { status: "ready", state: "todo" },
      { status: "served", state: "todo" },
    ]);
  });

  it("marks every step done once the order is served", () => {
    expect(guestStatusPath("served", []).map((s) => s.state)).toEqual(["done", "done", "done", "done", "done"]);
  });

  it("shows a cancelled or rejected order the steps it reached, then how it ended", () => {
    expect(guestStatusPath("cancelled", ["placed", "accepted", "cancelled"])).toEqual([
      { status: "placed", state: "done" },
      { status: "accepted", state: "done" },
      { status: "cancelled", state: "ended" },
    ]);
    expect(guestStatusPath("rejected", ["placed", "rejected"])).toEqual([
      { status: "placed", state: "done" },
      { status: "rejected", state: "ended" },
    ]);
  });

  it("follows ORDER_PATH", () => {
    expect(guestStatusPath("placed", ["placed"]).map((s) => s.status)).toEqual([...ORDER_PATH]);
  });
});

describe("recall", () => {
  it("moves a ready ticket back to preparing and a served one back to ready, nothing else", () => {
    const recalls = ORDER_STATUSES.flatMap((from) => {
      const to = RECALL_TRANSITIONS[from];
      return to ? [[from, to]] : [];
    });
    expect(recalls).toEqual([
      ["ready", "preparing"],
      ["served", "ready"],
    ]);
    expect(RECALLABLE_STATUSES).toEqual(recalls.map(([from]) => from));
  });

  it("leaves the forward state machine forward-only", () => {
    expect(canTransition("ready", "preparing")).toBe(false);
    expect(canTransition("served", "ready")).toBe(false);
    expect(ORDER_TRANSITIONS.served).toEqual([]);
  });

  it("allows a recall for 10 minutes after the last status change", () => {
    expect(RECALL_POLICY.windowSeconds).toBe(600);
    expect(recallRefusal("ready", 0)).toBeNull();
    expect(recallRefusal("served", 600_000)).toBeNull();
    expect(recallRefusal("ready", 600_001)).toBe(
      "This ticket was bumped more than 10 minutes ago; it can't be recalled any more",
    );
    expect(recallRefusal("served", 3_600_000)).toBe(
      "This ticket was served more than 10 minutes ago; it can't be recalled any more",
    );
  });

  it("explains why a ticket in any other status can't be recalled", () => {
    expect(recallRefusal("preparing", 0)).toBe("This ticket is still being prepared; there is nothing to recall");
    expect(recallRefusal("placed", 0)).toBe("This ticket hasn't been started yet; there is nothing to recall");
    expect(recallRefusal("accepted", 0)).toBe("This ticket hasn't been started yet; there is nothing to recall");
    expect(recallRefusal("cancelled", 0)).toBe("This order was cancelled; it can't be recalled");
    expect(recallRefusal("rejected", 0)).toBe("This order was rejected; it can't be recalled");
  });
});

describe("GUEST_ORDER_STATUS and exitReason", () => {
  it("separates what the system did from what staff did, in a guest's words", () => {
    expect(Object.fromEntries(ORDER_STATUSES.map((s) => [s, GUEST_ORDER_STATUS[s].label]))).toEqual({
      placed: "Order received",
      accepted: "Sent to the kitchen",
      preparing: "The kitchen has started it",
      ready: "Ready — on its way to you",
      served: "Served",
      cancelled: "Cancelled",
      rejected: "Not accepted",
    });
    // "accepted" is the worker's hand-off: it must not claim a person is on it.
    expect(GUEST_ORDER_STATUS.accepted.detail).toMatch(/waiting for a cook/);
    expect(new Set(ORDER_STATUSES.map((s) => GUEST_ORDER_STATUS[s].label)).size).toBe(ORDER_STATUSES.length);
  });

  it("gives the reason of an exit only", () => {
    const history = [{ status: "cancelled" as const, reason: "Ran out of paneer" }];
    expect(exitReason({ status: "cancelled", rejectionReason: null, statusHistory: history })).toBe(
      "Ran out of paneer",
    );
    expect(exitReason({ status: "rejected", rejectionReason: " Kitchen closing ", statusHistory: [] })).toBe(
      "Kitchen closing",
    );
    expect(exitReason({ status: "rejected", rejectionReason: "  ", statusHistory: [] })).toBeNull();
    expect(exitReason({ status: "preparing", rejectionReason: "x", statusHistory: [] })).toBeNull();
  });
});
