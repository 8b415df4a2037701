import type { OrderLineView } from "@tabletap/core";
import { describe, expect, it } from "vitest";
import { progressText, stationOwesWork, stationProgress } from "./stations";

const DONE = "2026-11-23T20:00:00.000Z";
const line = (station: string, doneAt: string | null) => ({ station, doneAt }) as OrderLineView;

describe("station progress", () => {
  const lines = [line("tandoor", DONE), line("kitchen", null), line("tandoor", null), line("bar", DONE)];

  it("counts each station's done lines, in the order the ticket names them", () => {
    expect(stationProgress({ status: "preparing", lines })).toEqual([
      { station: "tandoor", done: 1, total: 2 },
      { station: "kitchen", done: 0, total: 1 },
      { station: "bar", done: 1, total: 1 },
    ]);
    expect(progressText(stationProgress({ status: "preparing", lines }))).toBe("Tandoor 1/2 · Kitchen 0/1 · Bar ✓");
  });

  it("counts every line done once the ticket is ready", () => {
    expect(progressText(stationProgress({ status: "ready", lines }))).toBe("Tandoor ✓ · Kitchen ✓ · Bar ✓");
  });

  it("says a station owes work while one of its lines is open and the ticket isn't ready", () => {
    expect(stationOwesWork({ status: "preparing", lines }, "tandoor")).toBe(true);
    expect(stationOwesWork({ status: "preparing", lines }, "bar")).toBe(false);
    expect(stationOwesWork({ status: "preparing", lines }, "dessert")).toBe(false);
    expect(stationOwesWork({ status: "ready", lines }, "kitchen")).toBe(false);
  });
});
