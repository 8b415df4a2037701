/**
 * Station routing on the kitchen display (issue 11): each station bumps its own lines of a
 * ticket (`kitchen.bumpLine`), the ticket is ready once every line is done, and a recalled
 * ticket reopens the lines bumped last. Inputs and the rules both the API and the display use.
 */
import { z } from "zod";
import { stationSchema } from "./menu-admin";
import { ORDER_POLICY } from "./order-policy";
import { objectIdSchema } from "./schemas";
import type { OrderLineView } from "./views";

const LINE_ID_MESSAGE = "Not a line of this ticket";

/**
 * A ticket line's id: its index in the order's lines as a decimal string ("0", "1", …; no
 * leading zeros), below `ORDER_POLICY.maxLinesPerOrder`.
 */
export const lineIdSchema = z
  .string({ error: LINE_ID_MESSAGE })
  .refine((id) => /^(0|[1-9][0-9]{0,3})$/.test(id) && Number(id) < ORDER_POLICY.maxLinesPerOrder, LINE_ID_MESSAGE);

/**
 * `kitchen.bumpLine` (the station marks its line done) and `kitchen.reopenLine` (undoes that):
 * the order, the line (`lineIdSchema`) and the station doing it (must be the line's station).
 */
export const bumpLineInput = z.object({ orderId: objectIdSchema, lineId: lineIdSchema, station: stationSchema });
export type BumpLineInput = z.infer<typeof bumpLineInput>;

/** "tandoor" → "Tandoor": stations are stored lower-case, shown capitalised. */
export function stationLabel(station: string): string {
  return station ? station[0]!.toUpperCase() + station.slice(1) : station;
}

/** A line's id for `bumpLineInput`: its index in the order's lines. */
export function lineIdOf(index: number): string {
  return String(index);
}

/**
 * The lines a recall of a ready ticket reopens (indexes): those bumped last, i.e. with the latest
 * `doneAt` (the bump that completed the ticket, or the lines bumped at that same instant), so the
 * station that finished it sees it again and the other stations' work stays done. Empty when no
 * line was bumped (the ticket was marked ready as a whole: its lines are all still open).
 */
export function linesToReopen(lines: readonly Pick<OrderLineView, "doneAt">[]): number[] {
  const times = lines.map((line) => (line.doneAt === null ? Number.NEGATIVE_INFINITY : Date.parse(line.doneAt)));
  const latest = Math.max(...times);
  if (latest === Number.NEGATIVE_INFINITY) return [];
  return times.flatMap((at, index) => (at === latest ? [index] : []));
}

/** True when every line of the ticket is done (bumped by its station). */
export function allLinesDone(lines: readonly Pick<OrderLineView, "doneAt">[]): boolean {
  return lines.every((line) => line.doneAt !== null);
}
