import { describe, expect, it } from "vitest";
import { allLinesDone, bumpLineInput, lineIdOf, linesToReopen } from "./stations";

const ID = "a".repeat(24);
const messages = (input: unknown) => {
  const result = bumpLineInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("bumpLineInput", () => {
  it("takes an order, a line index and a station (trimmed, lower-cased)", () => {
    expect(bumpLineInput.parse({ orderId: ID, lineId: "0", station: " Tandoor " })).toEqual({
      orderId: ID,
      lineId: "0",
      station: "tandoor",
    });
    expect(bumpLineInput.parse({ orderId: ID, lineId: lineIdOf(12), station: "bar" }).lineId).toBe("12");
  });

  it.each(["", "-1", "01", "1.5", "x", "99999", "100"])("refuses the line id %j", (lineId) => {
    expect(messages({ orderId: ID, lineId, station: "bar" })).toEqual(["Not a line of this ticket"]);
  });

  it("refuses an empty station and a bad order id with human messages", () => {
    expect(messages({ orderId: ID, lineId: "0", station: "  " })).toEqual([
      "Enter the kitchen station, e.g. kitchen or bar",
    ]);
    expect(messages({ orderId: "nope", lineId: "0", station: "bar" })).toEqual(["Not a valid id"]);
  });
});

describe("linesToReopen", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 20, minute)).toISOString();

  it("reopens the line bumped last, keeping the other stations' work done", () => {
    expect(linesToReopen([{ doneAt: at(1) }, { doneAt: at(5) }, { doneAt: at(3) }])).toEqual([1]);
  });

  it("reopens every line bumped at that same last instant", () => {
    expect(linesToReopen([{ doneAt: at(5) }, { doneAt: at(2) }, { doneAt: at(5) }])).toEqual([0, 2]);
  });

  it("reopens nothing when no line was bumped (the ticket was marked ready as a whole)", () => {
    expect(linesToReopen([{ doneAt: null }, { doneAt: null }])).toEqual([]);
    expect(linesToReopen([])).toEqual([]);
  });
});

describe("allLinesDone", () => {
  it("is true only when every line has been bumped", () => {
    expect(allLinesDone([{ doneAt: "2026-11-23T20:00:00.000Z" }, { doneAt: null }])).toBe(false);
    expect(allLinesDone([{ doneAt: "2026-11-23T20:00:00.000Z" }])).toBe(true);
  });
});
