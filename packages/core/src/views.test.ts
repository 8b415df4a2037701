import { describe, expect, it } from "vitest";
import { isStaleOrderView } from "./views";

describe("isStaleOrderView", () => {
  const placed = { updatedAt: "2026-11-23T13:00:00.000Z" };
  const accepted = { updatedAt: "2026-11-23T13:00:00.250Z" };

  it("says an event older than what is shown is stale, so `accepted` is not undone by a late `placed`", () => {
    expect(isStaleOrderView(accepted, placed)).toBe(true);
    expect(isStaleOrderView(placed, accepted)).toBe(false);
  });

  it("takes the same state again and anything when nothing is shown yet", () => {
    expect(isStaleOrderView(placed, placed)).toBe(false);
    expect(isStaleOrderView(undefined, placed)).toBe(false);
  });
});
