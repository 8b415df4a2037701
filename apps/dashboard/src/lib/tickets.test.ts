import type { OrderView } from "@tabletap/core";
import { describe, expect, it } from "vitest";
import { ACTIVE_ORDER_STATUSES } from "@tabletap/core/order-status";
import {
  applyTicketChange,
  COLUMNS,
  describeAge,
  exitActionOf,
  filterByStation,
  formatAge,
  forwardActionOf,
  hiddenTicketsText,
  moveVerb,
  stationsOf,
  toColumns,
} from "./tickets";

function ticket(overrides: Partial<OrderView> & { id: string }): OrderView {
  return {
    number: "#001",
    restaurantId: "r1",
    tableId: "t1",
    tableLabel: "T3",
    tableSessionId: "s1",
    status: "accepted",
    statusHistory: [],
    rejectionReason: null,
    note: null,
    allergies: [],
    lines: [
      {
        menuItemId: "m1",
        allergens: [],
        name: "Butter Naan",
        unitPrice: 6000,
        quantity: 2,
        modifiers: [],
        notes: null,
        lineTotal: 12000,
        station: "tandoor",
        doneAt: null,
      },
    ],
    subtotal: 12000,
    serviceCharge: 0,
    tax: 600,
    tip: 0,
    total: 12600,
    currency: "INR",
    payment: { method: "counter", status: "unpaid" },
    placedAt: "2026-01-01T12:00:00.000Z",
    updatedAt: "2026-01-01T12:00:00.000Z",
    ...overrides,
  };
}

describe("applyTicketChange", () => {
  it("adds a new ticket in placedAt order", () => {
    const a = ticket({ id: "a", placedAt: "2026-01-01T12:05:00.000Z" });
    const b = ticket({ id: "b", placedAt: "2026-01-01T12:01:00.000Z" });
    expect(applyTicketChange([a], b).map((t) => t.id)).toEqual(["b", "a"]);
  });

  it("replaces a changed ticket and drops one that is no longer active", () => {
    const a = ticket({ id: "a" });
    const moved = { ...a, status: "preparing" as const, updatedAt: "2026-01-01T12:01:00.000Z" };
    expect(applyTicketChange([a], moved)[0]?.status).toBe("preparing");
    expect(applyTicketChange([a], { ...moved, status: "served" })).toEqual([]);
    expect(applyTicketChange([a], { ...moved, status: "rejected" })).toEqual([]);
  });

  it("ignores a change older than what the board shows, and a finished order it never showed", () => {
    const a = ticket({ id: "a", status: "ready", updatedAt: "2026-01-01T12:10:00.000Z" });
    const list = [a];
    expect(applyTicketChange(list, { ...a, status: "preparing", updatedAt: "2026-01-01T12:05:00.000Z" })).toBe(list);
    expect(applyTicketChange(list, ticket({ id: "z", status: "cancelled" }))).toBe(list);
  });
});

describe("stations", () => {
  const mixed = ticket({
    id: "a",
    lines: [
      {
        menuItemId: "m1",
        allergens: [],
        name: "Butter Chicken",
        unitPrice: 1,
        quantity: 1,
        modifiers: [],
        notes: null,
        lineTotal: 1,
        station: "kitchen",
        doneAt: null,
      },
      {
        menuItemId: "m2",
        allergens: [],
        name: "Sweet Lassi",
        unitPrice: 1,
        quantity: 1,
        modifiers: [],
        notes: null,
        lineTotal: 1,
        station: "bar",
        doneAt: null,
      },
    ],
  });
  const naan = ticket({ id: "b" });

  it("lists the stations on the board, kitchen first", () => {
    expect(stationsOf([naan, mixed])).toEqual(["kitchen", "bar", "tandoor"]);
  });

  it("keeps tickets with a line for the station, trimmed to those lines", () => {
    const bar = filterByStation([mixed, naan], "bar");
    expect(bar).toHaveLength(1);
    expect(bar[0]?.lines.map((l) => l.name)).toEqual(["Sweet Lassi"]);
    expect(bar[0]?.hiddenLines).toBe(1);
    expect(filterByStation([mixed, naan], null)).toHaveLength(2);
  });

  it("drops a ticket from a station's view once that station's lines are bumped, or the ticket is ready", () => {
    const [first, second] = mixed.lines;
    const barDone = { ...mixed, lines: [first!, { ...second!, doneAt: "2026-01-01T12:05:00.000Z" }] };
    expect(filterByStation([barDone], "bar")).toEqual([]);
    expect(filterByStation([barDone, naan], "kitchen").map((item) => item.ticket.id)).toEqual([barDone.id]);
    expect(filterByStation([{ ...naan, status: "ready" }], "tandoor")).toEqual([]);
    // The expo view keeps every ticket.
    expect(filterByStation([barDone, { ...naan, status: "ready" }], null)).toHaveLength(2);
  });
});

describe("columns", () => {
  it("puts placed and accepted under New, oldest first", () => {
    const items = filterByStation(
      [
        ticket({ id: "a", status: "placed", placedAt: "2026-01-01T12:03:00.000Z" }),
        ticket({ id: "b", status: "accepted", placedAt: "2026-01-01T12:01:00.000Z" }),
        ticket({ id: "c", status: "preparing" }),
        ticket({ id: "d", status: "ready" }),
      ],
      null,
    );
    const columns = toColumns(items);
    expect(columns.new.map((i) => i.ticket.id)).toEqual(["b", "a"]);
    expect(columns.preparing.map((i) => i.ticket.id)).toEqual(["c"]);
    expect(columns.ready.map((i) => i.ticket.id)).toEqual(["d"]);
  });

  it("shows every active status in exactly one column", () => {
    const shown = COLUMNS.flatMap((column) => column.statuses);
    expect([...shown].sort()).toEqual([...ACTIVE_ORDER_STATUSES].sort());
  });
});

describe("age", () => {
  it("formats mm:ss, and in words for screen readers", () => {
    expect(formatAge(0)).toBe("00:00");
    expect(formatAge(-5000)).toBe("00:00");
    expect(formatAge(247_000)).toBe("04:07");
    expect(formatAge(3_909_000)).toBe("1:05:09");
    expect(describeAge(30_000)).toBe("under a minute");
    expect(describeAge(65 * 60_000)).toBe("1 hour 5 minutes");
  });
});

describe("forwardActionOf", () => {
  it("names the forward step after the order and table", () => {
    expect(forwardActionOf({ status: "placed", number: "#001", tableLabel: "T3" })).toMatchObject({
      to: "accepted",
      accessibleName: "Accept order #001 for T3",
    });
    expect(forwardActionOf({ status: "accepted", number: "#001", tableLabel: "T3" })).toMatchObject({
      to: "preparing",
      label: "Start",
      accessibleName: "Start order #001 for T3",
    });
    expect(forwardActionOf({ status: "preparing", number: "#001", tableLabel: "T3" })).toMatchObject({
      to: "ready",
      accessibleName: "Mark order #001 for T3 ready",
    });
    expect(forwardActionOf({ status: "ready", number: "#001", tableLabel: "T3" })).toMatchObject({
      to: "served",
      accessibleName: "Mark order #001 for T3 served",
    });
    expect(forwardActionOf({ status: "served", number: "#001", tableLabel: "T3" })).toBeNull();
  });
});

describe("exitActionOf", () => {
  it("rejects a new order, cancels an accepted or preparing one, and offers nothing once it is ready", () => {
    const of = (status: OrderView["status"]) => exitActionOf({ status, number: "#001", tableLabel: "T3" });
    expect(of("placed")).toEqual({
      to: "rejected",
      label: "Reject",
      pendingLabel: "Rejecting…",
      accessibleName: "Reject order #001 for T3",
    });
    expect(of("accepted")).toEqual({
      to: "cancelled",
      label: "Cancel",
      pendingLabel: "Cancelling…",
      accessibleName: "Cancel order #001 for T3",
    });
    expect(of("preparing")).toMatchObject({ to: "cancelled" });
    expect(of("ready")).toBeNull();
    expect(of("served")).toBeNull();
  });
});

describe("moveVerb", () => {
  it("names each move for the notice when it fails", () => {
    expect(moveVerb("accepted")).toBe("accept");
    expect(moveVerb("ready")).toBe("mark ready");
    expect(moveVerb("cancelled")).toBe("cancel");
    expect(moveVerb("placed")).toBe("update");
  });
});

describe("hiddenTicketsText", () => {
  const time = (iso: string) => `at ${iso.slice(11, 16)}`;

  it("says how many older tickets the board leaves out, and since when", () => {
    expect(hiddenTicketsText({ count: 12, oldestAt: "2026-11-23T18:02:00.000Z" }, time)).toBe(
      "+12 older tickets not shown (the oldest placed at 18:02)",
    );
    expect(hiddenTicketsText({ count: 1, oldestAt: "2026-11-23T18:02:00.000Z" }, time)).toBe(
      "+1 older ticket not shown (the oldest placed at 18:02)",
    );
  });

  it("says nothing when every ticket is shown", () => {
    expect(hiddenTicketsText({ count: 0, oldestAt: null }, time)).toBeNull();
  });
});
