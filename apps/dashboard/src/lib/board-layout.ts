/**
 * How the kitchen board shares its width (pure, unit-tested in board-layout.test.ts): the screen
 * holds a number of card slots side by side, and each status column gets as many of them as it
 * needs, the column with the longest stack of tickets first, so a busy column spreads sideways
 * instead of hiding tickets below the fold.
 */

/** The narrowest a ticket card gets, in CSS px: compact (15rem + gap) and full-size (22rem + gap). */
export const CARD_SLOT_PX = { compact: 248, full: 360 } as const;

/** Room taken by the columns' own padding and gaps (3 columns), in CSS px. */
const COLUMN_CHROME_PX = 64;

/** How many card slots fit side by side in `width` CSS px (at least one per column). */
export function cardSlots(width: number, slotPx: number, columns: number): number {
  return Math.max(columns, Math.floor((width - COLUMN_CHROME_PX) / slotPx));
}

/**
 * The card columns of each status column, given each column's ticket count and the `slots` that
 * fit: one each, then one at a time to the column whose tickets stack highest
 * (ceil(count / columns)), leftmost first on a tie, while it has more tickets than columns.
 * [11, 8, 6] in 5 slots → [2, 2, 1].
 */
export function columnSpans(counts: readonly number[], slots: number): number[] {
  const spans = counts.map(() => 1);
  let free = slots - counts.length;
  while (free > 0) {
    let best = -1;
    let bestRows = 1;
    counts.forEach((count, i) => {
      const rows = Math.ceil(count / spans[i]!);
      if (count > spans[i]! && rows > bestRows) {
        best = i;
        bestRows = rows;
      }
    });
    if (best < 0) break;
    spans[best]! += 1;
    free -= 1;
  }
  return spans;
}
