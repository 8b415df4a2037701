/**
 * The bill: a table session's tab and how it is split between the people paying it. Pure and
 * browser-safe: the API runs it for every tab view, floor view and claim; the guest app runs the
 * same code to preview a share. Every amount is an integer number of paise (minor units); every
 * time is an ISO-8601 UTC string or a `Date`.
 *
 * Words (see the plan): a *tab* is every counted order of a table session; a *line id*
 * is `${orderId}:${lineIndex}`; a *claim* is a payment's hold on part of the tab; *due* = the
 * tab's total − paid claims − live pending claims.
 */
import { percentOfBps } from "./money";
import type { OrderStatus } from "./order-status";
import type { OrderLineView } from "./views";

/**
 * The taxable parts of a bill, in paise. GST is charged on the subtotal and on the service
 * charge (CBIC: a service charge is part of the value of the restaurant service); tips are not
 * part of it (they are kept separately and never taxed).
 */
export interface BillAmounts {
  subtotal: number;
  serviceCharge: number;
  tax: number;
}

const COMPONENTS = ["subtotal", "serviceCharge", "tax"] as const satisfies readonly (keyof BillAmounts)[];

/** Nothing: the sum of no amounts. */
export const ZERO_AMOUNTS: Readonly<BillAmounts> = Object.freeze({ subtotal: 0, serviceCharge: 0, tax: 0 });

/** subtotal + serviceCharge + tax, in paise. */
export function billTotal(a: BillAmounts): number {
  return a.subtotal + a.serviceCharge + a.tax;
}

/** `a` + `b`, component by component (paise). */
export function addAmounts(a: BillAmounts, b: BillAmounts): BillAmounts {
  return { subtotal: a.subtotal + b.subtotal, serviceCharge: a.serviceCharge + b.serviceCharge, tax: a.tax + b.tax };
}

/**
 * `a` − `b`, component by component (paise).
 *
 * @throws RangeError when a component of the result would be negative (`b` holds more of it than `a`).
 */
export function subtractAmounts(a: BillAmounts, b: BillAmounts): BillAmounts {
  const result = {
    subtotal: a.subtotal - b.subtotal,
    serviceCharge: a.serviceCharge - b.serviceCharge,
    tax: a.tax - b.tax,
  };
  for (const key of COMPONENTS) {
    if (result[key] < 0) {
      throw new RangeError(`subtractAmounts: ${key} would be negative (${a[key]} − ${b[key]})`);
    }
  }
  return result;
}

/** Component-wise `a` ≤ `b`. */
function fitsWithin(a: BillAmounts, b: BillAmounts): boolean {
  return COMPONENTS.every((key) => a[key] <= b[key]);
}

/** `a` − `b` with each component floored at 0 (a tab whose paid order was cancelled afterwards). */
function subtractFloored(a: BillAmounts, b: BillAmounts): BillAmounts {
  return {
    subtotal: Math.max(0, a.subtotal - b.subtotal),
    serviceCharge: Math.max(0, a.serviceCharge - b.serviceCharge),
    tax: Math.max(0, a.tax - b.tax),
  };
}

function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * Splits the integer `total` into integers proportional to `weights` that add up to `total`
 * exactly, by the largest remainder method (Hamilton's method): each share is first the whole
 * part of total × weight ⁄ Σweights, then the paise left over go one each to the shares with the
 * largest fractional parts (ties → the lower index). Each share is within 1 of its exact
 * proportion. All-zero weights count as equal weights. Exact for any safe integers (BigInt
 * products, no floating point).
 *
 * `allocate(100, [1, 1, 1])` → [34, 33, 33]; `allocate(5, [0, 0])` → [3, 2].
 *
 * @param total non-negative integer (paise)
 * @param weights non-negative integers; must be non-empty unless `total` is 0
 * @returns one share per weight, in the weights' order
 * @throws RangeError for a negative or fractional total or weight, or no weights for a non-zero total.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertNonNegativeInteger("total", total);
  weights.forEach((weight, index) => assertNonNegativeInteger(`weights[${index}]`, weight));
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("allocate: no weights to split a non-zero total over");
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum === 0 ? weights.map(() => 1) : weights;
  const weightSum = BigInt(sum === 0 ? weights.length : sum);
  const bigTotal = BigInt(total);
  const shares: number[] = [];
  const remainders: bigint[] = [];
  for (const weight of effective) {
    const product = bigTotal * BigInt(weight);
    shares.push(Number(product / weightSum));
    remainders.push(product % weightSum);
  }
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = shares
    .map((_, index) => index)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
  for (const index of order) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/**
 * Each line's share of its order: subtotal = the line's `lineTotal`; the order's service charge
 * and tax allocated over its lines in proportion to `lineTotal` (`allocate`, largest remainder).
 * A line's share depends only on its own order, so a new round never changes earlier lines, and
 * the shares of an order's lines add up to the order's amounts exactly (when its subtotal is the
 * sum of its line totals, as `priceOrder` makes it).
 *
 * @param order its lines (`lineTotal` in paise) and its `serviceCharge` and `tax` (paise)
 * @returns one `BillAmounts` per line, in the order's line order
 * @throws RangeError for negative or fractional amounts.
 */
export function lineShares(order: {
  lines: readonly { lineTotal: number }[];
  serviceCharge: number;
  tax: number;
}): BillAmounts[] {
  const weights = order.lines.map((line) => line.lineTotal);
  const serviceCharge = allocate(order.serviceCharge, weights);
  const tax = allocate(order.tax, weights);
  return weights.map((lineTotal, index) => ({
    subtotal: lineTotal,
    serviceCharge: serviceCharge[index] ?? 0,
    tax: tax[index] ?? 0,
  }));
}

/** How many ways a bill may be split, and how many items one payment may choose. */
export const SPLIT_POLICY = { maxParts: 20, maxLineIds: 200 } as const;

/**
 * Online payments: a pending online claim holds its part of the tab for `checkoutTtlSeconds`
 * (15 minutes, the time a guest has in Razorpay Checkout), then lapses and stops counting.
 */
export const PAYMENT_POLICY = { checkoutTtlSeconds: 900 } as const;

/** When a pending online claim made at `now` lapses (ISO-8601 UTC): `now` + `PAYMENT_POLICY.checkoutTtlSeconds`. */
export function checkoutExpiresAt(now: Date): string {
  return new Date(now.getTime() + PAYMENT_POLICY.checkoutTtlSeconds * 1000).toISOString();
}

/** Why a tip, a split or a claim is refused; the API answers BAD_REQUEST or CONFLICT (see `BillError`). */
export type BillErrorCode =
  | "NOTHING_DUE"
  | "OVER_DUE"
  | "LINE_NOT_ON_TAB"
  | "LINE_ALREADY_PAID"
  | "EQUAL_PART_TAKEN"
  | "EQUAL_PARTS_MISMATCH"
  | "EQUAL_SPLIT_IN_PROGRESS"
  | "SPLIT_PARTS_INVALID"
  | "TIP_INVALID"
  | "TIP_TOO_HIGH";

/**
 * A refused tip, split or claim. `message` is written for the guest ("Someone is already paying
 * for Paneer Tikka."). `lineId` names the line concerned for LINE_NOT_ON_TAB / LINE_ALREADY_PAID.
 * The API maps EQUAL_PART_TAKEN, LINE_ALREADY_PAID, NOTHING_DUE, OVER_DUE and
 * EQUAL_SPLIT_IN_PROGRESS (someone else got there first) to CONFLICT, the rest to BAD_REQUEST.
 */
export class BillError extends Error {
  override readonly name = "BillError";
  readonly code: BillErrorCode;
  readonly lineId: string | null;

  constructor(code: BillErrorCode, message: string, details: { lineId?: string } = {}) {
    super(message);
    this.code = code;
    this.lineId = details.lineId ?? null;
  }
}

function partLabel(parts: number, partIndex: number): string {
  return `part ${partIndex + 1} of ${parts}`;
}

function assertEqualSplit(parts: number, partIndex: number): void {
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > SPLIT_POLICY.maxParts) {
    throw new BillError("SPLIT_PARTS_INVALID", `Split between 1 and ${SPLIT_POLICY.maxParts} people`);
  }
  if (!Number.isSafeInteger(partIndex) || partIndex < 0 || partIndex >= parts) {
    throw new BillError("SPLIT_PARTS_INVALID", `Choose which part you're paying, 1 to ${parts}`);
  }
}

/**
 * Part `partIndex` of `base` split equally `parts` ways, by the largest remainder method with
 * equal weights: each component's whole paise divided evenly, and its odd paise handed one each
 * round the parts, continuing after the part the previous component's odd paise stopped at. So
 * the parts for partIndex 0…parts−1 add up to `base` exactly, and two parts differ by at most 1
 * paisa in each component and in total (₹100.00 three ways: ₹33.34, ₹33.33, ₹33.33; ₹0.03 of
 * subtotal, service charge and tax three ways: ₹0.01 each).
 *
 * @param base the amounts being split (paise, non-negative integers)
 * @param parts 1…`SPLIT_POLICY.maxParts`
 * @param partIndex 0…parts−1
 * @throws BillError SPLIT_PARTS_INVALID for parts or partIndex out of range; RangeError for a
 *   negative or fractional amount.
 */
export function equalPart(base: BillAmounts, parts: number, partIndex: number): BillAmounts {
  assertEqualSplit(parts, partIndex);
  const part = { ...ZERO_AMOUNTS };
  let start = 0;
  for (const key of COMPONENTS) {
    assertNonNegativeInteger(key, base[key]);
    const odd = base[key] % parts;
    const position = (partIndex - start + parts) % parts;
    part[key] = (base[key] - odd) / parts + (position < odd ? 1 : 0);
    start = (start + odd) % parts;
  }
  return part;
}

/** Each part's total (paise) of an equal split, in part order: what the tab shows for "Split equally". */
export function equalPartTotals(split: EqualSplitState): number[] {
  return Array.from({ length: split.parts }, (_, partIndex) =>
    billTotal(equalPart(split.base, split.parts, partIndex)),
  );
}

/**
 * `amount` paise of `from`, spread over its components in proportion to them (`allocate`,
 * largest remainder): the components add up to `amount` exactly and none exceeds `from`'s. Used
 * for a staff member's counter payment of an arbitrary amount (`floor.settle`), so the GST in it
 * is known.
 *
 * @param from the amounts to take from (usually what is due), paise
 * @param amount 0…billTotal(from), paise
 * @throws RangeError when `amount` is negative, fractional or more than `billTotal(from)`.
 */
export function portionOf(from: BillAmounts, amount: number): BillAmounts {
  assertNonNegativeInteger("amount", amount);
  if (amount > billTotal(from)) {
    throw new RangeError(`portionOf: ${amount} is more than the ${billTotal(from)} available`);
  }
  const [subtotal = 0, serviceCharge = 0, tax = 0] = allocate(
    amount,
    COMPONENTS.map((key) => from[key]),
  );
  return { subtotal, serviceCharge, tax };
}

/** The tip percentages a guest can pick; 0 means no tip. */
export const TIP_PERCENT_PRESETS = [0, 5, 10] as const;
export type TipPercent = (typeof TIP_PERCENT_PRESETS)[number];

/** What a guest is told when a tip percentage isn't one of `TIP_PERCENT_PRESETS`. */
export const TIP_PERCENT_MESSAGE = `Choose a tip of ${TIP_PERCENT_PRESETS.slice(0, -1).join(" %, ")} % or ${TIP_PERCENT_PRESETS.at(-1)} %`;

/** A tip: an amount in paise, or a percentage of the share being paid. */
export type TipInput = number | { percent: TipPercent };

/**
 * The tip in paise for a share of `shareTotal` paise. A percent tip is `percentOfBps(shareTotal,
 * percent × 100)` (rounded half up). Tips are not taxed and not part of `BillAmounts`.
 *
 * @param shareTotal the total of the share being paid (`billTotal` of the claim), paise
 * @param tip paise (a non-negative integer, at most `shareTotal`) or `{ percent: 0 | 5 | 10 }`
 * @throws BillError TIP_INVALID (negative, fractional, not a number, or a percent not offered),
 *   TIP_TOO_HIGH (more than the share).
 */
export function tipAmount(shareTotal: number, tip: TipInput): number {
  assertNonNegativeInteger("shareTotal", shareTotal);
  if (typeof tip === "object") {
    if (!(TIP_PERCENT_PRESETS as readonly number[]).includes(tip.percent)) {
      throw new BillError("TIP_INVALID", TIP_PERCENT_MESSAGE);
    }
    return percentOfBps(shareTotal, tip.percent * 100);
  }
  if (!Number.isFinite(tip)) throw new BillError("TIP_INVALID", "Enter the tip as an amount");
  if (tip < 0) throw new BillError("TIP_INVALID", "A tip can't be negative");
  if (!Number.isSafeInteger(tip)) throw new BillError("TIP_INVALID", "A tip is a whole number of paise");
  if (tip > shareTotal) throw new BillError("TIP_TOO_HIGH", "A tip can't be more than the amount you're paying");
  return tip;
}

/**
 * How a payer pays part of the tab: everything due now; part `partIndex` of an equal split
 * `parts` ways; or chosen lines (`${orderId}:${lineIndex}`).
 */
export type SplitInput =
  { kind: "full" } | { kind: "equal"; parts: number; partIndex: number } | { kind: "items"; lineIds: string[] };

/** Staff only (`floor.settle`): an arbitrary amount of what is due, in paise. */
export interface AmountSplitInput {
  kind: "amount";
  amount: number;
}

/** The kinds of claim: the guest's three split kinds and the staff's `amount`. */
export const CLAIM_KINDS = ["full", "equal", "items", "amount"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** How a claim is paid: online through Razorpay, or at the counter (cash, card terminal, UPI). */
export const PAYMENT_METHODS = ["online", "counter"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The line id of line `lineIndex` (0-based) of order `orderId`: "65f1…2b:0". */
export function tabLineId(orderId: string, lineIndex: number): string {
  return `${orderId}:${lineIndex}`;
}

/** Whether an order in `status` is on the tab: every order except the cancelled and rejected ones. */
export function countsOnTab(status: OrderStatus): boolean {
  return status !== "cancelled" && status !== "rejected";
}

/** An order of the table session, as the tab needs it. Amounts in paise; `placedAt` ISO-8601 UTC. */
export interface TabOrderInput {
  id: string;
  number: string;
  customerId: string;
  placedAt: string;
  status: OrderStatus;
  lines: readonly OrderLineView[];
  subtotal: number;
  serviceCharge: number;
  tax: number;
}

/**
 * A payment's hold on part of the tab (stored on the table session). `lineIds`: the lines it
 * covers (items: the chosen ones; full: those uncovered when it was made; equal: the split's;
 * amount: none). `amounts` in paise; `tip` in paise, untaxed. `expiresAt` (ISO-8601 UTC) is set
 * on pending online claims only: after it the claim lapses (`liveClaims`).
 */
export interface TabClaim {
  paymentId: string;
  customerId: string | null;
  kind: ClaimKind;
  lineIds: string[];
  parts: number | null;
  partIndex: number | null;
  amounts: BillAmounts;
  tip: number;
  method: PaymentMethod;
  status: "pending" | "paid";
  expiresAt: string | null;
}

/** An equal split under way: `parts` ways of `base` (what was due when it began), covering `lineIds`. */
export interface EqualSplitState {
  parts: number;
  base: BillAmounts;
  lineIds: string[];
}

/** What the tab is computed from: the session's orders (in the order to show them), its claims and its equal split. */
export interface TabState {
  orders: TabOrderInput[];
  claims: TabClaim[];
  equalSplit: EqualSplitState | null;
}

/** A line of the tab: its share (`lineShares`) and whether a claim covers it (paid wins over pending). */
export interface TabLineState {
  lineId: string;
  orderId: string;
  amounts: BillAmounts;
  coveredBy: "paid" | "pending" | null;
}

/**
 * The tab's figures, paise: `total` of the counted orders, `paid` and `pending` (live) claims,
 * `due` = total − paid − pending (each component floored at 0), and the tips of paid claims.
 */
export interface TabTotals {
  total: BillAmounts;
  paid: BillAmounts;
  pending: BillAmounts;
  due: BillAmounts;
  tipsPaid: number;
}

/** The computed tab (`computeTab`). */
export interface TabComputation {
  lines: TabLineState[];
  totals: TabTotals;
  /** The equal split under way (`state.equalSplit` while one of its parts is claimed), else null. */
  equalSplit: EqualSplitState | null;
  /** The parts of that split claimed by live claims, ascending; [] when there is none. */
  equalPartsTaken: number[];
}

function isLapsed(claim: TabClaim, nowMs: number): boolean {
  return (
    claim.method === "online" &&
    claim.status === "pending" &&
    claim.expiresAt !== null &&
    Date.parse(claim.expiresAt) <= nowMs
  );
}

/**
 * The claims that count at `now`: all but pending online claims whose `expiresAt` has passed
 * (the guest left Razorpay Checkout; `PAYMENT_POLICY.checkoutTtlSeconds`). A lapsed claim frees
 * its lines and its part again.
 */
export function liveClaims(claims: TabClaim[], now: Date): TabClaim[] {
  const nowMs = now.getTime();
  return claims.filter((claim) => !isLapsed(claim, nowMs));
}

function sumAmounts(list: readonly BillAmounts[]): BillAmounts {
  return list.reduce<BillAmounts>(addAmounts, { ...ZERO_AMOUNTS });
}

/**
 * Computes the tab at `now`: every line of the counted orders (`countsOnTab`) with its share and
 * coverage, the totals, and the equal split under way. A line is covered by a live claim listing
 * it, or by the equal split under way; a line of an equal split is "paid" once every part is
 * paid (by its equal claim, or by a full claim made after the split began), "pending" until
 * then. An equal split whose claims have all lapsed is no longer under way.
 *
 * @param state the session's orders, claims and stored equal split (amounts in paise)
 * @param now the current time (for lapsed online claims)
 * @throws RangeError for negative or fractional amounts in `state`.
 */
export function computeTab(state: TabState, now: Date): TabComputation {
  const claims = liveClaims(state.claims, now);
  const orders = state.orders.filter((order) => countsOnTab(order.status));

  const total = sumAmounts(
    orders.map((order) => ({ subtotal: order.subtotal, serviceCharge: order.serviceCharge, tax: order.tax })),
  );
  const paid = sumAmounts(claims.filter((claim) => claim.status === "paid").map((claim) => claim.amounts));
  const pending = sumAmounts(claims.filter((claim) => claim.status === "pending").map((claim) => claim.amounts));
  const tipsPaid = claims.filter((claim) => claim.status === "paid").reduce((sum, claim) => sum + claim.tip, 0);
  const due = subtractFloored(total, addAmounts(paid, pending));

  const equalClaims = claims.filter((claim) => claim.kind === "equal");
  const equalSplit = state.equalSplit && equalClaims.length > 0 ? state.equalSplit : null;
  const equalPartsTaken = equalSplit
    ? [...new Set(equalClaims.flatMap((claim) => (claim.partIndex === null ? [] : [claim.partIndex])))].sort(
        (a, b) => a - b,
      )
    : [];

  const coverage = new Map<string, "paid" | "pending">();
  const cover = (lineId: string, status: "paid" | "pending"): void => {
    if (coverage.get(lineId) !== "paid") coverage.set(lineId, status);
  };
  for (const claim of claims) {
    if (claim.kind === "equal") continue;
    for (const lineId of claim.lineIds) cover(lineId, claim.status);
  }
  if (equalSplit) {
    // Each part is paid by its own equal claim or, when unclaimed, by a full claim made after the
    // split began (a full claim pays everything due, the unclaimed parts included).
    const firstEqual = claims.findIndex((claim) => claim.kind === "equal");
    const fullAfter = claims.filter((claim, index) => claim.kind === "full" && index > firstEqual);
    const fullStatus = fullAfter.some((claim) => claim.status === "paid")
      ? "paid"
      : fullAfter.length
        ? "pending"
        : null;
    const partStatus = Array.from({ length: equalSplit.parts }, (_, partIndex) => {
      const own = equalClaims.filter((claim) => claim.partIndex === partIndex);
      if (own.some((claim) => claim.status === "paid")) return "paid";
      return own.length ? "pending" : fullStatus;
    });
    const status = partStatus.every((part) => part === "paid") ? "paid" : "pending";
    for (const lineId of equalSplit.lineIds) cover(lineId, status);
    for (const claim of equalClaims) for (const lineId of claim.lineIds) cover(lineId, status);
  }

  const lines = orders.flatMap((order) =>
    lineShares(order).map((amounts, index) => {
      const lineId = tabLineId(order.id, index);
      return { lineId, orderId: order.id, amounts, coveredBy: coverage.get(lineId) ?? null };
    }),
  );
  return { lines, totals: { total, paid, pending, due, tipsPaid }, equalSplit, equalPartsTaken };
}

/** What a new claim would hold (`quoteSplit`). */
export interface SplitQuote {
  /** The claim's amounts, paise. */
  amounts: BillAmounts;
  /** The lines the claim covers (store them on the claim). */
  lineIds: string[];
  /** The equal split to store on the session after this claim (null: none under way). */
  equalSplit: EqualSplitState | null;
}

function lineName(state: TabState, lineId: string): string {
  const [orderId, index] = lineId.split(":");
  const order = state.orders.find((candidate) => candidate.id === orderId);
  return order?.lines[Number(index)]?.name ?? "one of these items";
}

function assertPayable(amounts: BillAmounts, due: BillAmounts): void {
  if (billTotal(amounts) <= 0 || billTotal(due) <= 0) {
    throw new BillError("NOTHING_DUE", "There's nothing left to pay on this bill.");
  }
  if (!fitsWithin(amounts, due)) {
    throw new BillError("OVER_DUE", "That's more than what's left to pay on this bill. Refresh to see what's left.");
  }
}

/**
 * What a new claim of `split` would hold at `now`, the lines it covers and the equal split to
 * store with it. Rules (the issue's plan, "Money rules"):
 * - full: everything due now; covers the lines not yet covered. Always allowed.
 * - equal: the first equal claim starts the split of what is due now into `parts`; later ones
 *   must use the same `parts` (EQUAL_PARTS_MISMATCH) and a part no live claim holds
 *   (EQUAL_PART_TAKEN). Part i = `equalPart(base, parts, i)`.
 * - items: the chosen lines' shares (`lineShares`); each must be on the tab (LINE_NOT_ON_TAB) and
 *   not covered (LINE_ALREADY_PAID); refused while an equal split has unclaimed parts
 *   (EQUAL_SPLIT_IN_PROGRESS).
 * - amount (staff): `portionOf(due, amount)`.
 * Every claim must be more than 0 and, component by component, within what is due
 * (NOTHING_DUE / OVER_DUE). The API must re-run this on the state it writes under (the
 * session's `version`), so two payers never hold the same line or more than is due.
 *
 * @throws BillError as above, and SPLIT_PARTS_INVALID for parts outside 1…20 or a partIndex outside 0…parts−1.
 */
export function quoteSplit(state: TabState, split: SplitInput | AmountSplitInput, now: Date): SplitQuote {
  const tab = computeTab(state, now);
  const { due } = tab.totals;
  const uncovered = tab.lines.filter((line) => line.coveredBy === null);

  switch (split.kind) {
    case "full": {
      assertPayable(due, due);
      return { amounts: due, lineIds: uncovered.map((line) => line.lineId), equalSplit: tab.equalSplit };
    }
    case "amount": {
      if (!Number.isSafeInteger(split.amount) || split.amount <= 0) {
        throw new RangeError(`quoteSplit: amount must be a positive integer, got ${String(split.amount)}`);
      }
      if (split.amount > billTotal(due)) {
        assertPayable(due, due);
        throw new BillError("OVER_DUE", "That's more than what's left to pay on this bill.");
      }
      const amounts = portionOf(due, split.amount);
      return { amounts, lineIds: [], equalSplit: tab.equalSplit };
    }
    case "equal": {
      const { parts, partIndex } = split;
      assertEqualSplit(parts, partIndex);
      const current = tab.equalSplit;
      if (current && tab.equalPartsTaken.length >= current.parts) {
        throw new BillError(
          "EQUAL_PART_TAKEN",
          "Every part of this split is already taken. Pay the rest of the bill, or choose your items.",
        );
      }
      if (current && current.parts !== parts) {
        throw new BillError(
          "EQUAL_PARTS_MISMATCH",
          `This bill is being split ${current.parts} ways. Choose one of the ${current.parts} parts.`,
        );
      }
      if (current && tab.equalPartsTaken.includes(partIndex)) {
        throw new BillError(
          "EQUAL_PART_TAKEN",
          `Someone is already paying ${partLabel(parts, partIndex)}. Choose another part.`,
        );
      }
      const equalSplit = current ?? { parts, base: due, lineIds: uncovered.map((line) => line.lineId) };
      const amounts = equalPart(equalSplit.base, parts, partIndex);
      assertPayable(amounts, due);
      return { amounts, lineIds: [...equalSplit.lineIds], equalSplit };
    }
    case "items": {
      const current = tab.equalSplit;
      if (current && tab.equalPartsTaken.length < current.parts) {
        throw new BillError(
          "EQUAL_SPLIT_IN_PROGRESS",
          `This bill is being split equally ${current.parts} ways. Pay one of the parts, or the whole bill.`,
        );
      }
      const lineIds = [...new Set(split.lineIds)];
      if (lineIds.length === 0) throw new BillError("NOTHING_DUE", "Choose the items you're paying for.");
      const byId = new Map(tab.lines.map((line) => [line.lineId, line]));
      const chosen = lineIds.map((lineId) => {
        const line = byId.get(lineId);
        if (!line) {
          throw new BillError(
            "LINE_NOT_ON_TAB",
            "One of the items you chose is not on this tab. Refresh the bill and choose again.",
            { lineId },
          );
        }
        if (line.coveredBy === "paid") {
          throw new BillError("LINE_ALREADY_PAID", `${lineName(state, lineId)} is already paid for.`, { lineId });
        }
        if (line.coveredBy === "pending") {
          throw new BillError("LINE_ALREADY_PAID", `Someone is already paying for ${lineName(state, lineId)}.`, {
            lineId,
          });
        }
        return line.amounts;
      });
      const amounts = sumAmounts(chosen);
      assertPayable(amounts, due);
      return { amounts, lineIds, equalSplit: tab.equalSplit };
    }
  }
}

/**
 * Whether the session's bill is settled at `now`, so the session closes: the tab's total is more
 * than 0, nothing is due and no live claim is still pending.
 */
export function isTabSettled(state: TabState, now: Date): boolean {
  const { totals } = computeTab(state, now);
  return (
    billTotal(totals.total) > 0 &&
    billTotal(totals.due) === 0 &&
    !liveClaims(state.claims, now).some((claim) => claim.status === "pending")
  );
}
