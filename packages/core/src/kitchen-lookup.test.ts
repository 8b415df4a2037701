import { describe, expect, it } from "vitest";
import { allDayCounts, findOrdersInput, parseOrderQuery, type AllDayTicket } from "./kitchen-lookup";

describe("parseOrderQuery", () => {
  it("reads order numbers with or without # and leading zeros", () => {
    expect(parseOrderQuery("42")).toEqual({ kind: "number", number: 42 });
    expect(parseOrderQuery("#042")).toEqual({ kind: "number", number: 42 });
    expect(parseOrderQuery(" # 7 ")).toEqual({ kind: "number", number: 7 });
    expect(parseOrderQuery("#12345")).toEqual({ kind: "number", number: 12345 });
  });

  it("reads four bare digits as an order number or the last four digits of a phone", () => {
    expect(parseOrderQuery("4210")).toEqual({ kind: "numberOrPhoneEnding", number: 4210, digits: "4210" });
  });

  it("reads 5–9 digits as the end of a phone, 10+ digits or a + as a whole phone", () => {
    expect(parseOrderQuery("43210")).toEqual({ kind: "phoneEnding", digits: "43210" });
    expect(parseOrderQuery("5 43210")).toEqual({ kind: "phoneEnding", digits: "543210" });
    expect(parseOrderQuery("98765 43210")).toEqual({ kind: "phone", raw: "98765 43210" });
    expect(parseOrderQuery("+91 98765-43210")).toEqual({ kind: "phone", raw: "+91 98765-43210" });
    expect(parseOrderQuery("+1")).toEqual({ kind: "phone", raw: "+1" });
  });

  it("reads anything with a letter as a table label", () => {
    expect(parseOrderQuery("T7")).toEqual({ kind: "table", label: "T7" });
    expect(parseOrderQuery("  Patio   2 ")).toEqual({ kind: "table", label: "Patio 2" });
    expect(parseOrderQuery("टेबल 3")).toEqual({ kind: "table", label: "टेबल 3" });
  });

  it("refuses what is none of them", () => {
    for (const query of ["", "  ", "#", "#0", "0", "000", "#abc", "42 1", "!!", "--", "4-2"])
      expect(parseOrderQuery(query), query).toBeNull();
  });
});

describe("findOrdersInput", () => {
  it("trims the query and explains what to type when it can't be read", () => {
    expect(findOrdersInput.parse({ query: " T7 " })).toEqual({ query: "T7" });
    const empty = findOrdersInput.safeParse({ query: " " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toMatch(/order number .* table .* phone/);
    expect(findOrdersInput.safeParse({ query: "#" }).success).toBe(false);
    expect(findOrdersInput.safeParse({ query: "x".repeat(41) }).error?.issues[0]?.message).toBe(
      "At most 40 characters",
    );
  });
});

describe("allDayCounts", () => {
  const line = (name: string, quantity: number, extra: Partial<AllDayTicket["lines"][number]> = {}) => ({
    name,
    quantity,
    station: "kitchen",
    modifiers: [],
    ...extra,
  });

  it("adds up each item with the same options across the tickets still to make, most first", () => {
    const tickets: AllDayTicket[] = [
      { status: "placed", lines: [line("Butter Naan", 2), line("Dal Makhani", 1)] },
      {
        status: "preparing",
        lines: [
          line("Butter Naan", 3),
          line("Butter Naan", 1, { modifiers: [{ groupName: "Style", name: "Garlic", priceDelta: 0 }] }),
        ],
      },
      { status: "accepted", lines: [line("Lassi", 2, { station: "bar" })] },
      { status: "ready", lines: [line("Butter Naan", 9)] },
      { status: "served", lines: [line("Dal Makhani", 9)] },
    ];
    expect(allDayCounts(tickets)).toEqual([
      { name: "Butter Naan", station: "kitchen", quantity: 5 },
      { name: "Lassi", station: "bar", quantity: 2 },
      { name: "Butter Naan (Garlic)", station: "kitchen", quantity: 1 },
      { name: "Dal Makhani", station: "kitchen", quantity: 1 },
    ]);
    expect(allDayCounts(tickets, "bar")).toEqual([{ name: "Lassi", station: "bar", quantity: 2 }]);
  });

  it("leaves out lines their station has already bumped", () => {
    const tickets: AllDayTicket[] = [
      {
        status: "preparing",
        lines: [line("Paneer Tikka", 2, { doneAt: "2026-11-23T12:00:00.000Z" }), line("Naan", 1)],
      },
    ];
    expect(allDayCounts(tickets)).toEqual([{ name: "Naan", station: "kitchen", quantity: 1 }]);
    expect(allDayCounts([])).toEqual([]);
  });
});
