import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  estimateNewOrder,
  estimateReady,
  ETA_POLICY,
  itemPrep,
  prepStats,
  quantile,
  readyInWords,
  stationWaits,
  type EtaTicket,
  type TimedOrder,
} from "./eta";

const MIN = 60_000;
const T0 = Date.parse("2026-11-23T12:00:00Z");

/** A past order placed at `at` minutes, started 2 min later, ready `prep` minutes after that. */
function past(at: number, prep: number, lines: [string, string][]): TimedOrder {
  const placedAt = T0 + at * MIN;
  return {
    placedAt,
    startedAt: placedAt + 2 * MIN,
    readyAt: placedAt + (2 + prep) * MIN,
    lines: lines.map(([menuItemId, station]) => ({ menuItemId, station })),
  };
}

/** `n` past orders of one dish, spaced an hour apart (never overlapping), with prep times cycling through `preps`. */
function history(n: number, dish: string, station: string, preps: number[]): TimedOrder[] {
  return Array.from({ length: n }, (_, i) => past(-1000 + i * 60, preps[i % preps.length]!, [[dish, station]]));
}

const ticket = (placedMin: number, lines: [string, string][], startedMin: number | null = null): EtaTicket => ({
  placedAt: T0 + placedMin * MIN,
  startedAt: startedMin === null ? null : T0 + startedMin * MIN,
  lines: lines.map(([menuItemId, station]) => ({ menuItemId, station })),
});

describe("quantile", () => {
  it("interpolates between ranks", () => {
    expect(quantile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("prepStats and itemPrep", () => {
  it("measures a dish from its own history: 25th, 50th and 75th percentile of preparing → ready", () => {
    const stats = prepStats(history(5, "naan", "tandoor", [8, 10, 12, 14, 16]));
    expect(itemPrep(stats, { menuItemId: "naan", station: "tandoor" })).toEqual({ low: 10, typical: 12, high: 14 });
    expect(stats.overall.pickup).toEqual({ low: 2, typical: 2, high: 2 });
    expect(stats.samples).toBe(5);
  });

  it("falls back to the station's history, then the restaurant's, then the default, for a dish with too few orders", () => {
    const stats = prepStats([
      ...history(5, "naan", "tandoor", [10]),
      ...history(4, "tikka", "tandoor", [30]),
      ...history(6, "lassi", "bar", [4]),
    ]);
    // tikka has 4 orders (under minSamples): the tandoor's 9 pooled orders (median 10).
    expect(itemPrep(stats, { menuItemId: "tikka", station: "tandoor" }).typical).toBe(10);
    // A new dish on a new station: every order of the restaurant (15 orders: median 10).
    expect(itemPrep(stats, { menuItemId: "new", station: "grill" }).typical).toBe(10);
    // A new restaurant: the documented default.
    const empty = prepStats([]);
    expect(itemPrep(empty, { menuItemId: "x", station: "kitchen" })).toEqual(ETA_POLICY.defaultPrepMinutes);
    expect(empty.overall.pickup).toEqual(ETA_POLICY.defaultPickupMinutes);
  });

  it("takes a station's capacity from the most orders it prepared at once", () => {
    const overlapping = [0, 1, 2].map((i) => past(i, 20, [["curry", "kitchen"]]));
    const after = past(100, 20, [["curry", "kitchen"]]);
    const stats = prepStats([...overlapping, after]);
    expect(stats.stations.kitchen?.capacity).toBe(3);
  });

  it("ignores orders with impossible times", () => {
    const broken = { ...past(0, 10, [["x", "bar"]]), readyAt: T0 - MIN };
    expect(prepStats([broken]).samples).toBe(0);
  });
});

describe("estimateReady", () => {
  const stats = prepStats([
    ...history(10, "curry", "kitchen", [10, 12, 14, 16, 18]),
    ...history(10, "lassi", "bar", [3, 4, 5]),
  ]);

  it("an idle kitchen: the usual pickup, then the slowest line's prep", () => {
    const estimate = estimateReady(
      stats,
      ticket(0, [
        ["curry", "kitchen"],
        ["lassi", "bar"],
      ]),
      [],
      T0,
    );
    // Pickup 2 min; curry 12–16 (p25–p75) beats the lassi.
    expect((estimate.earliest - T0) / MIN).toBe(14);
    expect((estimate.likely - T0) / MIN).toBe(16);
    expect((estimate.latest - T0) / MIN).toBe(18);
  });

  it("waits for the tickets ahead on its station, spread over the station's capacity", () => {
    // The kitchen's capacity from this history is 1 (orders an hour apart).
    const ahead = [ticket(-1, [["curry", "kitchen"]]), ticket(-1, [["curry", "kitchen"]])];
    const idle = estimateReady(stats, ticket(0, [["curry", "kitchen"]]), [], T0);
    const busy = estimateReady(stats, ticket(0, [["curry", "kitchen"]]), ahead, T0);
    // Two curries ahead on one slot: 2 × 14 min more (typical).
    expect((busy.likely - idle.likely) / MIN).toBe(2 * 14 - 2);
    // Work on another station does not delay it.
    const otherStation = estimateReady(stats, ticket(0, [["curry", "kitchen"]]), [ticket(-1, [["lassi", "bar"]])], T0);
    expect(otherStation).toEqual(idle);
  });

  it("counts what a started ticket ahead has already cooked", () => {
    const fresh = estimateReady(stats, ticket(0, [["curry", "kitchen"]]), [ticket(-10, [["curry", "kitchen"]], 0)], T0);
    const halfway = estimateReady(
      stats,
      ticket(0, [["curry", "kitchen"]]),
      [ticket(-10, [["curry", "kitchen"]], -7)],
      T0,
    );
    expect((fresh.likely - halfway.likely) / MIN).toBe(7);
  });

  it("a started order: its start plus its prep, never in the past", () => {
    const started = estimateReady(stats, ticket(-20, [["curry", "kitchen"]], -5), [], T0);
    expect((started.earliest - T0) / MIN).toBe(7);
    expect((started.latest - T0) / MIN).toBe(11);
    const overdue = estimateReady(stats, ticket(-60, [["curry", "kitchen"]], -50), [], T0);
    expect(overdue.earliest).toBe(T0);
    expect(overdue.latest - overdue.earliest).toBe(ETA_POLICY.minRangeMinutes * MIN);
  });

  const line = fc.tuple(fc.constantFrom("curry", "lassi", "new"), fc.constantFrom("kitchen", "bar", "grill"));
  const anyTicket = fc.record({
    placed: fc.integer({ min: -60, max: 0 }),
    started: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    lines: fc.array(line, { minLength: 1, maxLength: 4 }),
  });
  const toTicket = (t: { placed: number; started: number | null; lines: [string, string][] }) =>
    ticket(t.placed, t.lines, t.started === null ? null : Math.min(0, t.placed + t.started));

  it("is ordered and never in the past, whatever the load (property)", () => {
    fc.assert(
      fc.property(anyTicket, fc.array(anyTicket, { maxLength: 30 }), (own, ahead) => {
        const estimate = estimateReady(stats, toTicket(own), ahead.map(toTicket), T0);
        expect(estimate.earliest).toBeGreaterThanOrEqual(T0);
        expect(estimate.earliest).toBeLessThanOrEqual(estimate.likely);
        expect(estimate.likely).toBeLessThanOrEqual(estimate.latest);
        expect(estimate.latest - estimate.earliest).toBeGreaterThanOrEqual(ETA_POLICY.minRangeMinutes * MIN);
      }),
    );
  });

  it("one more ticket ahead never makes a waiting order sooner (property)", () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 3 }),
        fc.array(anyTicket, { maxLength: 20 }),
        anyTicket,
        (lines, ahead, extra) => {
          const own = ticket(0, lines);
          const before = estimateReady(stats, own, ahead.map(toTicket), T0);
          const after = estimateReady(stats, own, [...ahead, extra].map(toTicket), T0);
          expect(after.likely).toBeGreaterThanOrEqual(before.likely);
          expect(after.latest).toBeGreaterThanOrEqual(before.latest);
        },
      ),
    );
  });

  it("station waits are never negative (property)", () => {
    fc.assert(
      fc.property(fc.array(anyTicket, { maxLength: 30 }), (ahead) => {
        for (const wait of stationWaits(stats, ahead.map(toTicket), T0).values())
          expect(Math.min(wait.low, wait.typical, wait.high)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("estimateNewOrder", () => {
  const stats = prepStats(history(10, "curry", "kitchen", [10, 12, 14, 16, 18]));

  it("an idle kitchen: pickup and a typical order's prep, no backlog, not overloaded", () => {
    expect(estimateNewOrder(stats, [], T0, 10)).toEqual({
      earliestMinutes: 14,
      latestMinutes: 18,
      backlogMinutes: 0,
      overloaded: false,
    });
  });

  it("a backlog past the manager's threshold is overloaded; without a threshold it never is", () => {
    const queue = Array.from({ length: 3 }, () => ticket(-1, [["curry", "kitchen"]]));
    const busy = estimateNewOrder(stats, queue, T0, 30);
    expect(busy.backlogMinutes).toBe(42);
    expect(busy.overloaded).toBe(true);
    expect(busy.earliestMinutes).toBe(12 * 3 + 12);
    expect(estimateNewOrder(stats, queue, T0, 45).overloaded).toBe(false);
    expect(estimateNewOrder(stats, queue, T0, null).overloaded).toBe(false);
  });
});

describe("readyInWords", () => {
  const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
  it("says the range in whole minutes", () => {
    expect(readyInWords({ earliestAt: at(12), latestAt: at(18) }, T0)).toBe("Ready in about 12–18 min");
    expect(readyInWords({ earliestAt: at(5.2), latestAt: at(4.8) }, T0)).toBe("Ready in about 5 min");
    expect(readyInWords({ earliestAt: at(0), latestAt: at(0.4) }, T0)).toBe("Should be ready any minute");
  });
});
