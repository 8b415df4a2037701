import type { BillAmounts } from "@tabletap/core/bill";
import type { FloorTableView, FloorView, ServiceRequestView } from "@tabletap/core/tab";
import { describe, expect, it } from "vitest";
import {
  counterAmountDue,
  countByState,
  durationText,
  isEmptySession,
  moveTargets,
  pendingRequests,
  REQUEST_OVERDUE_AFTER_MS,
  requestAgeText,
  requestUrgency,
} from "./floor";

const ZERO: BillAmounts = { subtotal: 0, serviceCharge: 0, tax: 0 };
const T0 = Date.parse("2026-11-23T12:00:00Z");
const at = (minutesAgo: number) => new Date(T0 - minutesAgo * 60_000).toISOString();

function request(id: string, status: ServiceRequestView["status"], minutesAgo: number): ServiceRequestView {
  return {
    id,
    kind: "water",
    status,
    createdAt: at(minutesAgo),
    acknowledgedAt: null,
    resolvedAt: null,
    mine: false,
  };
}

function table(label: string, session: Partial<NonNullable<FloorTableView["session"]>> | null): FloorTableView {
  return {
    tableId: `id-${label}`,
    label,
    seats: 4,
    state: session ? "ordering" : "free",
    session: session
      ? {
          id: `s-${label}`,
          openedAt: at(30),
          guests: 2,
          orders: 1,
          totals: { total: ZERO, paid: ZERO, pending: ZERO, due: ZERO, tipsPaid: 0 },
          pendingCounter: [],
          requests: [],
          ...session,
        }
      : null,
    lastClosedAt: null,
  };
}

describe("durationText", () => {
  it("writes minutes, then hours and minutes", () => {
    expect(durationText(30_000)).toBe("<1 min");
    expect(durationText(45 * 60_000)).toBe("45 min");
    expect(durationText(125 * 60_000)).toBe("2 h 05");
    expect(durationText(-5_000)).toBe("<1 min");
  });
});

describe("requestAgeText", () => {
  it("says now under a minute, minutes under an hour, hours and minutes after", () => {
    expect(requestAgeText(0)).toBe("now");
    expect(requestAgeText(59_999)).toBe("now");
    expect(requestAgeText(60_000)).toBe("1 min");
    expect(requestAgeText(59 * 60_000 + 59_000)).toBe("59 min");
    expect(requestAgeText(65 * 60_000)).toBe("1 h 05");
  });

  it("never shows a negative age (the browser's clock behind the server's)", () => {
    expect(requestAgeText(-90_000)).toBe("now");
  });
});

describe("requestUrgency", () => {
  it("marks open requests overdue after five minutes, never acknowledged ones", () => {
    expect(REQUEST_OVERDUE_AFTER_MS).toBe(5 * 60_000);
    expect(requestUrgency(request("a", "open", 4), T0)).toBe("open");
    expect(requestUrgency(request("a", "open", 5), T0)).toBe("overdue");
    expect(requestUrgency(request("a", "acknowledged", 20), T0)).toBe("acknowledged");
  });
});

describe("pendingRequests", () => {
  it("lists open requests first, oldest first, then acknowledged ones, leaving out resolved ones", () => {
    const floor: FloorView = {
      currency: "INR",
      tables: [
        table("T1", { requests: [request("ack-old", "acknowledged", 9), request("open-new", "open", 1)] }),
        table("T2", { requests: [request("open-old", "open", 6), request("done", "resolved", 2)] }),
        table("T3", null),
      ],
    };
    expect(pendingRequests(floor).map((r) => [r.tableLabel, r.request.id])).toEqual([
      ["T2", "open-old"],
      ["T1", "open-new"],
      ["T1", "ack-old"],
    ]);
    expect(pendingRequests(floor)[0]?.tableSessionId).toBe("s-T2");
  });
});

describe("countByState", () => {
  it("counts every floor state, zero included, in the legend's order", () => {
    expect(countByState([{ state: "eating" }, { state: "free" }, { state: "eating" }])).toEqual([
      ["free", 1],
      ["ordering", 0],
      ["eating", 2],
      ["waiting_for_bill", 0],
      ["paid", 0],
    ]);
  });
});

describe("counterAmountDue", () => {
  it("adds the guests' pending counter payments (tips included) to what is due", () => {
    const session = table("T1", {
      totals: {
        total: { subtotal: 100_000, serviceCharge: 5_000, tax: 5_250 },
        paid: ZERO,
        pending: { subtotal: 50_000, serviceCharge: 2_500, tax: 2_625 },
        due: { subtotal: 50_000, serviceCharge: 2_500, tax: 2_625 },
        tipsPaid: 0,
      },
      pendingCounter: [{ paymentId: "p1", payer: "Guest 1", total: 60_643 }],
    }).session!;
    expect(counterAmountDue(session)).toBe(55_125 + 60_643);
  });
});

describe("isEmptySession / moveTargets", () => {
  it("only a session without orders is empty", () => {
    expect(isEmptySession(table("T1", { orders: 0 }).session!)).toBe(true);
    expect(isEmptySession(table("T1", { orders: 1 }).session!)).toBe(false);
  });

  it("offers the other tables without an open session", () => {
    const floor: FloorView = {
      currency: "INR",
      tables: [table("T1", {}), table("T2", null), table("T3", {}), table("T4", null)],
    };
    expect(moveTargets(floor, "id-T1").map((t) => t.label)).toEqual(["T2", "T4"]);
  });
});
