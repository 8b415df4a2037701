import {
  addAmounts,
  billTotal,
  BillError,
  equalPartTotals,
  tipAmount,
  ZERO_AMOUNTS,
  type SplitInput,
  type TipInput,
} from "@tabletap/core/bill";
import type { TabSessionView } from "@tabletap/core/tab";
import { parseMoneyInput } from "@tabletap/core/money";

/** The tip as the pay sheet's radios choose it: a preset percentage, or an amount typed in rupees. */
export type TipChoice = { kind: "percent"; percent: 0 | 5 | 10 } | { kind: "amount"; text: string };

/** What the pay sheet shows for the guest's choice, paise; `error` says why it can't be paid as chosen. */
export interface SharePreview {
  /** The share of the bill (subtotal + service charge + GST), or 0 when nothing is chosen yet. */
  share: number;
  /** The tip on that share. */
  tip: number;
  /** share + tip: what the guest pays. */
  total: number;
  /** The tip as `payment.start` takes it, or null when the typed amount isn't valid. */
  tipInput: TipInput | null;
  /** Why the chosen part can't be paid (nothing due, a part taken, no items chosen), else null. */
  splitError: string | null;
  /** Why the tip isn't valid (not an amount, more than the share), else null. */
  tipError: string | null;
}

/** Whether an equal split is under way with parts nobody holds yet (then items can't be chosen: EQUAL_SPLIT_IN_PROGRESS). */
export function equalSplitOpen(session: TabSessionView): boolean {
  const split = session.equalSplit;
  return !!split && split.partsTaken.length < split.parts;
}

/**
 * The share `split` would pay on the tab the guest sees, by the server's rules
 * (`quoteSplit` of @tabletap/core/bill, on the view's figures): `full` = what is due; `equal`
 * = the running split's part (its `partAmount`), or `equalPartTotals` of what is due when this
 * claim starts the split; `items` = the chosen lines' shares. The tip is `tipAmount` of
 * that share. The server recomputes everything when the guest pays; this only previews it.
 */
export function previewShare(session: TabSessionView, split: SplitInput, tip: TipChoice): SharePreview {
  const due = session.totals.due;
  let share = 0;
  let error: string | null = null;
  if (billTotal(due) <= 0) {
    error = "There's nothing left to pay on this bill.";
  } else if (split.kind === "full") {
    share = billTotal(due);
  } else if (split.kind === "equal") {
    const running = session.equalSplit;
    if (running && running.parts !== split.parts) {
      error = `This bill is being split ${running.parts} ways. Choose one of the ${running.parts} parts.`;
    } else if (running?.partsTaken.includes(split.partIndex)) {
      error = `Someone is already paying part ${split.partIndex + 1}. Choose another part.`;
    } else {
      const totals = running?.partAmount ?? equalPartTotals({ parts: split.parts, base: due, lineIds: [] });
      share = totals[split.partIndex] ?? 0;
    }
  } else if (equalSplitOpen(session)) {
    error = `This bill is being split equally ${session.equalSplit?.parts ?? ""} ways. Pay one of the parts, or the whole bill.`;
  } else {
    const chosen = new Set(split.lineIds);
    const lines = session.rounds.flatMap((round) => round.lines).filter((line) => chosen.has(line.lineId));
    share = billTotal(lines.reduce((sum, line) => addAmounts(sum, line.amounts), { ...ZERO_AMOUNTS }));
    if (lines.length === 0) error = "Choose the items you're paying for.";
  }

  const typed = tip.kind === "amount" ? (tip.text.trim() === "" ? 0 : parseMoneyInput(tip.text)) : null;
  const asked: TipInput | null =
    tip.kind === "percent" ? (tip.percent === 0 ? 0 : { percent: tip.percent }) : Number.isNaN(typed) ? null : typed;
  let tipInput: TipInput | null = null;
  let tipPaise = 0;
  let tipError: string | null = asked === null ? "Enter the tip in rupees, e.g. 50" : null;
  if (asked !== null) {
    try {
      tipPaise = tipAmount(share, asked);
      tipInput = asked;
    } catch (caught) {
      if (!(caught instanceof BillError)) throw caught;
      tipError = caught.message;
    }
  }
  return { share, tip: tipPaise, total: share + tipPaise, tipInput, splitError: error, tipError };
}
