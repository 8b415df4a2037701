import { describe, expect, it } from "vitest";
import { cardSlots, columnSpans } from "./board-layout";

describe("columnSpans", () => {
  it("gives the spare slots to the column whose tickets stack highest", () => {
    expect(columnSpans([11, 8, 6], 5)).toEqual([2, 2, 1]);
    expect(columnSpans([20, 2, 3], 6)).toEqual([4, 1, 1]);
    expect(columnSpans([6, 6, 6], 6)).toEqual([2, 2, 2]);
  });

  it("never gives a column more card columns than tickets, nor fewer than one", () => {
    expect(columnSpans([1, 0, 0], 5)).toEqual([1, 1, 1]);
    expect(columnSpans([3, 0, 1], 9)).toEqual([3, 1, 1]);
    expect(columnSpans([9, 9, 9], 3)).toEqual([1, 1, 1]);
  });
});

describe("cardSlots", () => {
  it("fits 5 compact cards across a 1366 px screen, 3 on an 800 px portrait tablet, never fewer than the columns", () => {
    expect(cardSlots(1366, 248, 3)).toBe(5);
    expect(cardSlots(800, 248, 3)).toBe(3);
    expect(cardSlots(400, 248, 3)).toBe(3);
  });
});
