import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BillError,
  PAYMENT_POLICY,
  SPLIT_POLICY,
  ZERO_AMOUNTS,
  addAmounts,
  allocate,
  billTotal,
  checkoutExpiresAt,
  computeTab,
  equalPart,
  equalPartTotals,
  isTabSettled,
  lineShares,
  liveClaims,
  portionOf,
  quoteSplit,
  subtractAmounts,
  tabLineId,
  tipAmount,
  type AmountSplitInput,
  type BillAmounts,
  type BillErrorCode,
  type SplitInput,
  type TabClaim,
  type TabOrderInput,
  type TabState,
} from "./bill";
import { percentOfBps } from "./money";

const NOW = new Date("2026-11-23T12:00:00.000Z");
const ORDER_A = "65f1a2b3c4d5e6f708091a01";
const ORDER_B = "65f1a2b3c4d5e6f708091a02";
const ORDER_C = "65f1a2b3c4d5e6f708091a03";

/** An order priced as `priceOrder` prices it: service charge on the subtotal, GST on subtotal + service charge. */
function order(
  id: string,
  lines: readonly (readonly [name: string, lineTotal: number])[],
  options: { serviceChargeBps?: number; taxBps?: number; status?: TabOrderInput["status"] } = {},
): TabOrderInput {
  const subtotal = lines.reduce((sum, [, lineTotal]) => sum + lineTotal, 0);
  const serviceCharge = percentOfBps(subtotal, options.serviceChargeBps ?? 1_000);
  const tax = percentOfBps(subtotal + serviceCharge, options.taxBps ?? 500);
  return {
    id,
    number: `#${id.slice(-3)}`,
    customerId: "65f1a2b3c4d5e6f708091b01",
    placedAt: NOW.toISOString(),
    status: options.status ?? "placed",
    lines: lines.map(([name, lineTotal]) => ({
      menuItemId: "65f1a2b3c4d5e6f708091c01",
      name,
      unitPrice: lineTotal,
      quantity: 1,
      modifiers: [],
      notes: null,
      lineTotal,
      allergens: [],
      station: "kitchen",
      doneAt: null,
    })),
    subtotal,
    serviceCharge,
    tax,
  };
}

let claimCount = 0;

/** A claim from a quote, as the API stores it. */
function claimOf(
  state: TabState,
  split: SplitInput | AmountSplitInput,
  options: { status?: "paid" | "pending"; method?: "online" | "counter"; tip?: number; now?: Date } = {},
): TabClaim {
  const now = options.now ?? NOW;
  const quote = quoteSplit(state, split, now);
  const method = options.method ?? "online";
  const status = options.status ?? "paid";
  claimCount += 1;
  return {
    paymentId: `payment-${claimCount}`,
    customerId: null,
    kind: split.kind,
    lineIds: quote.lineIds,
    parts: split.kind === "equal" ? split.parts : null,
    partIndex: split.kind === "equal" ? split.partIndex : null,
    amounts: quote.amounts,
    tip: options.tip ?? 0,
    method,
    status,
    expiresAt: method === "online" && status === "pending" ? checkoutExpiresAt(now) : null,
  };
}

/** `state` after a claim of `split` (the claim and the equal split stored, as the API does). */
function claim(
  state: TabState,
  split: SplitInput | AmountSplitInput,
  options: Parameters<typeof claimOf>[2] = {},
): TabState {
  const quote = quoteSplit(state, split, options.now ?? NOW);
  return { ...state, claims: [...state.claims, claimOf(state, split, options)], equalSplit: quote.equalSplit };
}

function refusal(run: () => unknown): { code: BillErrorCode; message: string; lineId: string | null } {
  try {
    run();
  } catch (error) {
    if (error instanceof BillError) return { code: error.code, message: error.message, lineId: error.lineId };
    throw error;
  }
  throw new Error("expected a BillError");
}

function fitsWithin(a: BillAmounts, b: BillAmounts): boolean {
  return a.subtotal <= b.subtotal && a.serviceCharge <= b.serviceCharge && a.tax <= b.tax;
}

const paise = fc.integer({ min: 0, max: 10_000_000 });
const amounts = fc.record({ subtotal: paise, serviceCharge: paise, tax: paise });

describe("amounts", () => {
  it("adds, subtracts and totals component by component", () => {
    const a = { subtotal: 1_000, serviceCharge: 100, tax: 55 };
    const b = { subtotal: 400, serviceCharge: 40, tax: 22 };
    expect(billTotal(a)).toBe(1_155);
    expect(addAmounts(a, b)).toEqual({ subtotal: 1_400, serviceCharge: 140, tax: 77 });
    expect(subtractAmounts(a, b)).toEqual({ subtotal: 600, serviceCharge: 60, tax: 33 });
    expect(billTotal(ZERO_AMOUNTS)).toBe(0);
  });

  it("refuses a subtraction that would leave a component negative", () => {
    expect(() =>
      subtractAmounts({ subtotal: 10, serviceCharge: 0, tax: 5 }, { subtotal: 5, serviceCharge: 1, tax: 0 }),
    ).toThrow(RangeError);
  });
});

describe("allocate (largest remainder)", () => {
  it("splits in proportion, the odd paise to the largest remainders, ties to the lower index", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [1, 2, 3])).toEqual([2, 3, 5]); // 1.67, 3.33, 5 → 1, 3, 5 + 1 to the .67
    expect(allocate(7, [5, 5])).toEqual([4, 3]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
  });

  it("treats all-zero weights as equal weights", () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });

  it("gives nothing to a zero weight while others have weight", () => {
    expect(allocate(5, [0, 1, 1])).toEqual([0, 3, 2]);
  });

  it("is exact beyond the safe-integer products", () => {
    expect(allocate(9_007_199_254_740_991, [9_007_199_254_740_991, 1])).toEqual([9_007_199_254_740_990, 1]);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [10, [1, -1]],
    [10, [0.5]],
    [10, []],
  ])("refuses allocate(%s, %j)", (total, weights) => {
    expect(() => allocate(total, weights)).toThrow(RangeError);
  });

  it("sums exactly to the total and each share is within 1 paisa of its exact proportion", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          expect(shares).toHaveLength(weights.length);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          const effective = sum === 0 ? weights.map(() => 1) : weights;
          const weightSum = sum === 0 ? weights.length : sum;
          shares.forEach((share, index) => {
            expect(Number.isSafeInteger(share) && share >= 0).toBe(true);
            // |share − total·w/W| < 1, in integers: |share·W − total·w| < W
            const error = BigInt(share) * BigInt(weightSum) - BigInt(total) * BigInt(effective[index] ?? 0);
            expect(error < BigInt(weightSum) && error > -BigInt(weightSum)).toBe(true);
          });
        },
      ),
    );
  });
});

const orderArb = fc
  .record({
    lineTotals: fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 8 }),
    serviceChargeBps: fc.constantFrom(0, 500, 750, 1_000),
    taxBps: fc.constantFrom(0, 500, 1_200, 1_800),
  })
  .map(({ lineTotals, serviceChargeBps, taxBps }) =>
    order(
      ORDER_A,
      lineTotals.map((lineTotal, index) => [`Item ${index}`, lineTotal] as const),
      { serviceChargeBps, taxBps },
    ),
  );

describe("lineShares", () => {
  it("gives each line its line total and a share of its order's service charge and tax by line total", () => {
    const shares = lineShares(
      order(ORDER_A, [
        ["Paneer Tikka", 30_000],
        ["Dal Makhani", 10_000],
      ]),
    );
    // service charge 4 000, tax 5 % of 44 000 = 2 200
    expect(shares).toEqual([
      { subtotal: 30_000, serviceCharge: 3_000, tax: 1_650 },
      { subtotal: 10_000, serviceCharge: 1_000, tax: 550 },
    ]);
  });

  it("adds up to the order's amounts exactly", () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const total = lineShares(o).reduce(addAmounts, { ...ZERO_AMOUNTS });
        expect(total).toEqual({ subtotal: o.subtotal, serviceCharge: o.serviceCharge, tax: o.tax });
      }),
    );
  });
});

describe("equalPart", () => {
  it("hands the odd paise round the parts, so everyone's part differs by at most 1 paisa", () => {
    const base = { subtotal: 10_000, serviceCharge: 1_000, tax: 551 };
    expect([0, 1, 2].map((i) => equalPart(base, 3, i))).toEqual([
      { subtotal: 3_334, serviceCharge: 333, tax: 184 },
      { subtotal: 3_333, serviceCharge: 334, tax: 183 },
      { subtotal: 3_333, serviceCharge: 333, tax: 184 },
    ]);
    // ₹0.03 of three components between three: a paisa each, not three paise for the first.
    expect([0, 1, 2].map((i) => billTotal(equalPart({ subtotal: 1, serviceCharge: 1, tax: 1 }, 3, i)))).toEqual([
      1, 1, 1,
    ]);
  });

  it("adds up to the base to the paisa for any base and 1–20 parts; parts differ by at most 1 paisa per component and in total", () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: 1, max: SPLIT_POLICY.maxParts }), (base, parts) => {
        const all = Array.from({ length: parts }, (_, i) => equalPart(base, parts, i));
        expect(all.reduce(addAmounts, { ...ZERO_AMOUNTS })).toEqual(base);
        for (const key of ["subtotal", "serviceCharge", "tax"] as const) {
          const values = all.map((part) => part[key]);
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        }
        const totals = all.map(billTotal);
        expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("lists each part's total", () => {
    const base = { subtotal: 10_000, serviceCharge: 1_000, tax: 551 };
    expect(equalPartTotals({ parts: 3, base, lineIds: [] })).toEqual([3_851, 3_850, 3_850]);
  });

  it.each([
    [0, 0],
    [21, 0],
    [3, 3],
    [3, -1],
    [2.5, 0],
  ])("refuses parts %s, partIndex %s (SPLIT_PARTS_INVALID)", (parts, partIndex) => {
    expect(refusal(() => equalPart(ZERO_AMOUNTS, parts, partIndex)).code).toBe("SPLIT_PARTS_INVALID");
  });
});

describe("portionOf", () => {
  it("spreads an amount over the components in proportion", () => {
    expect(portionOf({ subtotal: 10_000, serviceCharge: 1_000, tax: 550 }, 5_775)).toEqual({
      subtotal: 5_000,
      serviceCharge: 500,
      tax: 275,
    });
  });

  it("sums to the amount and never exceeds a component", () => {
    fc.assert(
      fc.property(
        amounts.chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 0, max: billTotal(from) }))),
        ([from, amount]) => {
          const portion = portionOf(from, amount);
          expect(billTotal(portion)).toBe(amount);
          expect(fitsWithin(portion, from)).toBe(true);
          expect(Math.min(portion.subtotal, portion.serviceCharge, portion.tax)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("refuses more than there is, or a negative or fractional amount", () => {
    const from = { subtotal: 100, serviceCharge: 0, tax: 5 };
    expect(() => portionOf(from, 106)).toThrow(RangeError);
    expect(() => portionOf(from, -1)).toThrow(RangeError);
    expect(() => portionOf(from, 1.5)).toThrow(RangeError);
  });
});

describe("tipAmount", () => {
  it("takes an amount in paise up to the share", () => {
    expect(tipAmount(50_000, 0)).toBe(0);
    expect(tipAmount(50_000, 2_000)).toBe(2_000);
    expect(tipAmount(50_000, 50_000)).toBe(50_000);
  });

  it("computes the percent presets rounded half up", () => {
    expect(tipAmount(50_000, { percent: 0 })).toBe(0);
    expect(tipAmount(50_000, { percent: 5 })).toBe(2_500);
    expect(tipAmount(50_000, { percent: 10 })).toBe(5_000);
    expect(tipAmount(12_345, { percent: 5 })).toBe(617); // 617.25
    expect(tipAmount(12_350, { percent: 10 })).toBe(1_235);
    expect(tipAmount(250, { percent: 5 })).toBe(13); // 12.5 → 13
  });

  it.each<[number | { percent: 0 | 5 | 10 }, BillErrorCode, string]>([
    [-1, "TIP_INVALID", "A tip can't be negative"],
    [10.5, "TIP_INVALID", "A tip is a whole number of paise"],
    [Number.NaN, "TIP_INVALID", "Enter the tip as an amount"],
    [{ percent: 7 as 5 }, "TIP_INVALID", "Choose a tip of 0 %, 5 % or 10 %"],
    [50_001, "TIP_TOO_HIGH", "A tip can't be more than the amount you're paying"],
  ])("refuses a tip of %j on ₹500 (%s)", (tip, code, message) => {
    expect(refusal(() => tipAmount(50_000, tip))).toMatchObject({ code, message });
  });
});

function twoRounds(): TabState {
  return {
    orders: [
      order(ORDER_A, [
        ["Paneer Tikka", 30_000],
        ["Dal Makhani", 20_000],
      ]),
      order(ORDER_B, [["Masala Chai", 6_000]]),
    ],
    claims: [],
    equalSplit: null,
  };
}

describe("computeTab", () => {
  it("totals the counted orders and lists their lines by line id", () => {
    const state = twoRounds();
    state.orders.push(order(ORDER_C, [["Lassi", 9_000]], { status: "cancelled" }));
    const tab = computeTab(state, NOW);
    expect(tab.lines.map((line) => line.lineId)).toEqual([
      tabLineId(ORDER_A, 0),
      tabLineId(ORDER_A, 1),
      tabLineId(ORDER_B, 0),
    ]);
    // A: 50 000 + 5 000 + 2 750; B: 6 000 + 600 + 330
    expect(tab.totals.total).toEqual({ subtotal: 56_000, serviceCharge: 5_600, tax: 3_080 });
    expect(tab.totals.due).toEqual(tab.totals.total);
    expect(tab.lines.every((line) => line.coveredBy === null)).toBe(true);
  });

  it("never changes earlier lines' shares when a new round arrives", () => {
    const before = computeTab(twoRounds(), NOW).lines;
    const state = twoRounds();
    state.orders.push(order(ORDER_C, [["Gulab Jamun", 7_777]]));
    expect(computeTab(state, NOW).lines.slice(0, before.length)).toEqual(before);
  });

  it("counts paid and pending claims, paid tips, and marks the lines they cover", () => {
    let state = claim(twoRounds(), { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, { tip: 1_500 });
    state = claim(state, { kind: "items", lineIds: [tabLineId(ORDER_B, 0)] }, { status: "pending", tip: 300 });
    const tab = computeTab(state, NOW);
    expect(tab.lines.map((line) => line.coveredBy)).toEqual(["paid", null, "pending"]);
    expect(tab.totals.paid).toEqual({ subtotal: 30_000, serviceCharge: 3_000, tax: 1_650 });
    expect(tab.totals.pending).toEqual({ subtotal: 6_000, serviceCharge: 600, tax: 330 });
    expect(tab.totals.due).toEqual({ subtotal: 20_000, serviceCharge: 2_000, tax: 1_100 });
    expect(tab.totals.tipsPaid).toBe(1_500);
  });

  it("stops counting an online claim once its checkout lapses (expiresAt passed), but never a counter one", () => {
    const online = claim(twoRounds(), { kind: "full" }, { status: "pending" });
    const counter = claim(twoRounds(), { kind: "full" }, { status: "pending", method: "counter" });
    const later = new Date(NOW.getTime() + PAYMENT_POLICY.checkoutTtlSeconds * 1000);
    const justBefore = new Date(later.getTime() - 1);
    expect(billTotal(computeTab(online, justBefore).totals.due)).toBe(0);
    expect(liveClaims(online.claims, later)).toEqual([]);
    expect(computeTab(online, later).totals.due).toEqual(computeTab(twoRounds(), NOW).totals.total);
    expect(computeTab(online, later).lines.every((line) => line.coveredBy === null)).toBe(true);
    expect(quoteSplit(online, { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, later).lineIds).toEqual([
      tabLineId(ORDER_A, 0),
    ]);
    expect(billTotal(computeTab(counter, new Date(NOW.getTime() + 86_400_000)).totals.due)).toBe(0);
  });

  it("floors what is due at 0 when a paid-for order is cancelled afterwards", () => {
    const state = claim(twoRounds(), { kind: "full" });
    const [first, second] = state.orders;
    if (!first || !second) throw new Error("fixture");
    const cancelled = { ...state, orders: [first, { ...second, status: "cancelled" as const }] };
    expect(computeTab(cancelled, NOW).totals.due).toEqual(ZERO_AMOUNTS);
  });
});

describe("quoteSplit", () => {
  it("full: everything due, covering the uncovered lines", () => {
    const state = claim(twoRounds(), { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] });
    const quote = quoteSplit(state, { kind: "full" }, NOW);
    expect(quote.amounts).toEqual(computeTab(state, NOW).totals.due);
    expect(quote.lineIds).toEqual([tabLineId(ORDER_A, 1), tabLineId(ORDER_B, 0)]);
  });

  it("items: refuses a line someone is paying for, or has paid, naming the dish", () => {
    const lineId = tabLineId(ORDER_A, 0);
    const pending = claim(twoRounds(), { kind: "items", lineIds: [lineId] }, { status: "pending" });
    expect(
      refusal(() => quoteSplit(pending, { kind: "items", lineIds: [tabLineId(ORDER_B, 0), lineId] }, NOW)),
    ).toEqual({
      code: "LINE_ALREADY_PAID",
      message: "Someone is already paying for Paneer Tikka.",
      lineId,
    });
    const paid = claim(twoRounds(), { kind: "items", lineIds: [lineId] });
    expect(refusal(() => quoteSplit(paid, { kind: "items", lineIds: [lineId] }, NOW))).toMatchObject({
      code: "LINE_ALREADY_PAID",
      message: "Paneer Tikka is already paid for.",
    });
    const full = claim(twoRounds(), { kind: "full" }, { status: "pending" });
    expect(refusal(() => quoteSplit(full, { kind: "items", lineIds: [tabLineId(ORDER_B, 0)] }, NOW)).code).toBe(
      "LINE_ALREADY_PAID",
    );
  });

  it("items: refuses a line that is not on this tab (another table's, a cancelled order's, or no such line)", () => {
    const state = twoRounds();
    state.orders.push(order(ORDER_C, [["Lassi", 9_000]], { status: "rejected" }));
    for (const lineId of [tabLineId("65f1a2b3c4d5e6f708091aff", 0), tabLineId(ORDER_C, 0), tabLineId(ORDER_A, 2)]) {
      expect(refusal(() => quoteSplit(state, { kind: "items", lineIds: [lineId] }, NOW))).toEqual({
        code: "LINE_NOT_ON_TAB",
        message: "One of the items you chose is not on this tab. Refresh the bill and choose again.",
        lineId,
      });
    }
  });

  it("items: a line of ₹0 alone is nothing to pay", () => {
    const state: TabState = {
      orders: [
        order(ORDER_A, [
          ["Water", 0],
          ["Chai", 5_000],
        ]),
      ],
      claims: [],
      equalSplit: null,
    };
    expect(refusal(() => quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, NOW)).code).toBe(
      "NOTHING_DUE",
    );
  });

  it("equal: the first claim fixes the split; later ones must match it and take a free part", () => {
    const start = twoRounds();
    const due = computeTab(start, NOW).totals.due;
    const first = quoteSplit(start, { kind: "equal", parts: 3, partIndex: 1 }, NOW);
    expect(first.equalSplit).toEqual({
      parts: 3,
      base: due,
      lineIds: computeTab(start, NOW).lines.map((l) => l.lineId),
    });
    expect(first.amounts).toEqual(equalPart(due, 3, 1));

    let state = claim(start, { kind: "equal", parts: 3, partIndex: 1 }, { status: "pending" });
    expect(computeTab(state, NOW).equalPartsTaken).toEqual([1]);
    expect(refusal(() => quoteSplit(state, { kind: "equal", parts: 2, partIndex: 0 }, NOW))).toMatchObject({
      code: "EQUAL_PARTS_MISMATCH",
      message: "This bill is being split 3 ways. Choose one of the 3 parts.",
    });
    expect(refusal(() => quoteSplit(state, { kind: "equal", parts: 3, partIndex: 1 }, NOW))).toMatchObject({
      code: "EQUAL_PART_TAKEN",
      message: "Someone is already paying part 2 of 3. Choose another part.",
    });
    expect(refusal(() => quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_B, 0)] }, NOW))).toMatchObject({
      code: "EQUAL_SPLIT_IN_PROGRESS",
      message: "This bill is being split equally 3 ways. Pay one of the parts, or the whole bill.",
    });

    // A new round during the split: the parts stay parts of the base; the new lines stay uncovered.
    state = { ...state, orders: [...state.orders, order(ORDER_C, [["Gulab Jamun", 8_000]])] };
    state = claim(state, { kind: "equal", parts: 3, partIndex: 0 });
    state = claim(state, { kind: "equal", parts: 3, partIndex: 2 });
    const tab = computeTab(state, NOW);
    expect(tab.equalPartsTaken).toEqual([0, 1, 2]);
    expect(tab.lines.map((line) => line.coveredBy)).toEqual(["pending", "pending", "pending", null]);
    for (const parts of [3, 4]) {
      expect(refusal(() => quoteSplit(state, { kind: "equal", parts, partIndex: 0 }, NOW))).toMatchObject({
        code: "EQUAL_PART_TAKEN",
        message: "Every part of this split is already taken. Pay the rest of the bill, or choose your items.",
      });
    }
    // Every part taken: items are allowed again, for the new round only.
    expect(quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_C, 0)] }, NOW).amounts).toEqual(
      computeTab(state, NOW).totals.due,
    );
    expect(refusal(() => quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, NOW)).code).toBe(
      "LINE_ALREADY_PAID",
    );
  });

  it("equal: the split's lines are paid once every part is paid", () => {
    let state = twoRounds();
    for (const partIndex of [0, 1]) state = claim(state, { kind: "equal", parts: 2, partIndex });
    const tab = computeTab(state, NOW);
    expect(tab.lines.every((line) => line.coveredBy === "paid")).toBe(true);
    expect(tab.totals.due).toEqual(ZERO_AMOUNTS);
  });

  it("full during an equal split with a part still pending: the split's lines are pending until that part is paid", () => {
    let state = claim(twoRounds(), { kind: "equal", parts: 3, partIndex: 0 }, { status: "pending", method: "counter" });
    state = claim(state, { kind: "full" });
    expect(computeTab(state, NOW).lines.map((line) => line.coveredBy)).toEqual(["pending", "pending", "pending"]);
    state = { ...state, claims: state.claims.map((c) => ({ ...c, status: "paid" as const })) };
    expect(computeTab(state, NOW).lines.map((line) => line.coveredBy)).toEqual(["paid", "paid", "paid"]);
  });

  it("equal: a split whose only claim lapsed is no longer under way", () => {
    const state = claim(twoRounds(), { kind: "equal", parts: 4, partIndex: 0 }, { status: "pending" });
    const later = new Date(NOW.getTime() + PAYMENT_POLICY.checkoutTtlSeconds * 1000 + 1);
    expect(computeTab(state, later).equalSplit).toBeNull();
    expect(quoteSplit(state, { kind: "equal", parts: 2, partIndex: 0 }, later).equalSplit?.parts).toBe(2);
    expect(quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, later).equalSplit).toBeNull();
  });

  it("full is allowed during an equal split and pays what is left", () => {
    let state = claim(twoRounds(), { kind: "equal", parts: 3, partIndex: 0 });
    state = claim(state, { kind: "full" });
    expect(computeTab(state, NOW).totals.due).toEqual(ZERO_AMOUNTS);
    expect(computeTab(state, NOW).lines.map((line) => line.coveredBy)).toEqual(["paid", "paid", "paid"]);
    expect(isTabSettled(state, NOW)).toBe(true);
    expect(refusal(() => quoteSplit(state, { kind: "equal", parts: 3, partIndex: 1 }, NOW))).toMatchObject({
      code: "NOTHING_DUE",
      message: "There's nothing left to pay on this bill.",
    });
  });

  it("amount (staff): a proportional portion of what is due, never more", () => {
    const state = twoRounds();
    const due = computeTab(state, NOW).totals.due;
    const quote = quoteSplit(state, { kind: "amount", amount: 10_000 }, NOW);
    expect(quote).toEqual({ amounts: portionOf(due, 10_000), lineIds: [], equalSplit: null });
    expect(refusal(() => quoteSplit(state, { kind: "amount", amount: billTotal(due) + 1 }, NOW)).code).toBe("OVER_DUE");
    const paid = claim(state, { kind: "full" });
    expect(refusal(() => quoteSplit(paid, { kind: "amount", amount: 1 }, NOW)).code).toBe("NOTHING_DUE");
    expect(() => quoteSplit(state, { kind: "amount", amount: 0 }, NOW)).toThrow(RangeError);
  });

  it("items after a staff amount: refuses a share bigger than what is left", () => {
    const state = claim(twoRounds(), { kind: "amount", amount: 60_000 }, { method: "counter" });
    expect(refusal(() => quoteSplit(state, { kind: "items", lineIds: [tabLineId(ORDER_A, 0)] }, NOW))).toMatchObject({
      code: "OVER_DUE",
    });
  });

  it("refuses anything once nothing is due", () => {
    const state = claim(twoRounds(), { kind: "full" });
    for (const split of [{ kind: "full" }, { kind: "equal", parts: 2, partIndex: 0 }] as const) {
      expect(refusal(() => quoteSplit(state, split, NOW)).code).toBe("NOTHING_DUE");
    }
  });
});

describe("isTabSettled", () => {
  it("is true only when the total is more than 0, nothing is due and nothing is pending", () => {
    const empty: TabState = { orders: [], claims: [], equalSplit: null };
    expect(isTabSettled(empty, NOW)).toBe(false);
    expect(isTabSettled(twoRounds(), NOW)).toBe(false);
    const pending = claim(twoRounds(), { kind: "full" }, { status: "pending", method: "counter" });
    expect(isTabSettled(pending, NOW)).toBe(false);
    const paid = {
      ...pending,
      claims: pending.claims.map((c) => ({ ...c, status: "paid" as const })),
    };
    expect(isTabSettled(paid, NOW)).toBe(true);
    expect(isTabSettled({ ...paid, orders: [...paid.orders, order(ORDER_C, [["Lassi", 9_000]])] }, NOW)).toBe(false);
  });
});

/** One step of a table's evening: a claim of some kind, how it ends, time passing, or a new round. */
const stepArb = fc.oneof(
  fc.record({ type: fc.constant("full" as const) }),
  fc.record({
    type: fc.constant("equal" as const),
    parts: fc.integer({ min: 1, max: 6 }),
    partIndex: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    type: fc.constant("items" as const),
    picks: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant("amount" as const), amount: fc.integer({ min: 1, max: 200_000 }) }),
  fc.record({
    type: fc.constant("round" as const),
    lineTotals: fc.array(fc.integer({ min: 0, max: 80_000 }), { minLength: 1, maxLength: 4 }),
  }),
);
const outcomeArb = fc.record({
  status: fc.constantFrom("paid" as const, "pending" as const),
  method: fc.constantFrom("online" as const, "counter" as const),
  minutesLater: fc.integer({ min: 0, max: 20 }),
});

describe("claims under any sequence (property)", () => {
  it("never take more than the total, never leave due negative, never cover a line twice", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, outcomeArb), { minLength: 1, maxLength: 25 }), (steps) => {
        let state = twoRounds();
        let now = NOW;
        let rounds = 0;
        for (const [step, outcome] of steps) {
          now = new Date(now.getTime() + outcome.minutesLater * 60_000);
          if (step.type === "round") {
            rounds += 1;
            const id = `65f1a2b3c4d5e6f70809${String(rounds).padStart(4, "0")}`;
            state = {
              ...state,
              orders: [
                ...state.orders,
                order(
                  id,
                  step.lineTotals.map((t, i) => [`Dish ${i}`, t] as const),
                ),
              ],
            };
          } else {
            const tab = computeTab(state, now);
            const split: SplitInput | AmountSplitInput =
              step.type === "full"
                ? { kind: "full" }
                : step.type === "equal"
                  ? { kind: "equal", parts: step.parts, partIndex: step.partIndex % step.parts }
                  : step.type === "items"
                    ? {
                        kind: "items",
                        lineIds: step.picks.map((pick) => tab.lines[pick % tab.lines.length]?.lineId ?? ""),
                      }
                    : { kind: "amount", amount: step.amount };
            try {
              state = claim(state, split, { ...outcome, now });
            } catch (error) {
              if (!(error instanceof BillError)) throw error;
            }
          }

          const tab = computeTab(state, now);
          const { total, paid, pending, due } = tab.totals;
          expect(fitsWithin(addAmounts(paid, pending), total)).toBe(true);
          expect(addAmounts(addAmounts(paid, pending), due)).toEqual(total);
          expect(Math.min(due.subtotal, due.serviceCharge, due.tax)).toBeGreaterThanOrEqual(0);
          // Lines held by live items/full claims are held once, and never also by the equal split under way.
          const held = liveClaims(state.claims, now)
            .filter((c) => c.kind === "items" || c.kind === "full")
            .flatMap((c) => c.lineIds)
            .concat(tab.equalSplit?.lineIds ?? []);
          expect(new Set(held).size).toBe(held.length);
        }

        // Whatever happened, paying the rest in full and settling every live pending claim settles the tab.
        const end = new Date(now.getTime() + 60_000);
        if (billTotal(computeTab(state, end).totals.due) > 0) state = claim(state, { kind: "full" }, { now: end });
        const settled = liveClaims(state.claims, end).map((c) => ({ ...c, status: "paid" as const, expiresAt: null }));
        state = { ...state, claims: settled };
        expect(computeTab(state, end).totals.due).toEqual(ZERO_AMOUNTS);
        expect(isTabSettled(state, end)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  const tabArb = fc
    .array(fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((rounds): TabState => ({
      orders: rounds.map((lineTotals, round) =>
        order(
          `65f1a2b3c4d5e6f70809${String(round).padStart(4, "0")}`,
          lineTotals.map((t, i) => [`Dish ${i}`, t] as const),
        ),
      ),
      claims: [],
      equalSplit: null,
    }));

  it("paying every line by itself pays the tab to the paisa", () => {
    fc.assert(
      fc.property(tabArb, fc.boolean(), (start, reverse) => {
        // A free line (₹0, e.g. water) is nothing to pay by itself; it never holds up the bill.
        const lineIds = computeTab(start, NOW)
          .lines.filter((line) => billTotal(line.amounts) > 0)
          .map((line) => line.lineId);
        fc.pre(lineIds.length > 0);
        let state = start;
        for (const lineId of reverse ? lineIds.reverse() : lineIds)
          state = claim(state, { kind: "items", lineIds: [lineId] });
        expect(computeTab(state, NOW).totals.due).toEqual(ZERO_AMOUNTS);
        expect(isTabSettled(state, NOW)).toBe(true);
      }),
    );
  });

  it("paying every part of an equal split pays the tab to the paisa (any tab of at least 1 paisa a part)", () => {
    fc.assert(
      fc.property(tabArb, fc.integer({ min: 1, max: SPLIT_POLICY.maxParts }), (start, parts) => {
        fc.pre(billTotal(computeTab(start, NOW).totals.total) >= parts); // else some parts are ₹0
        let state = start;
        for (let partIndex = parts - 1; partIndex >= 0; partIndex -= 1) {
          state = claim(state, { kind: "equal", parts, partIndex });
        }
        expect(computeTab(state, NOW).totals.due).toEqual(ZERO_AMOUNTS);
        expect(isTabSettled(state, NOW)).toBe(true);
      }),
    );
  });

  it("two items claims of one line: exactly one wins", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom("paid" as const, "pending" as const),
        (pick, status) => {
          const state = twoRounds();
          const lineId = computeTab(state, NOW).lines[pick]?.lineId ?? "";
          const first = claim(state, { kind: "items", lineIds: [lineId] }, { status });
          expect(refusal(() => quoteSplit(first, { kind: "items", lineIds: [lineId] }, NOW)).code).toBe(
            "LINE_ALREADY_PAID",
          );
        },
      ),
    );
  });
});
