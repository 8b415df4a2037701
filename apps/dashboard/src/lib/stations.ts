/**
 * Station routing on the kitchen display, pure (unit-tested in stations.test.ts): what a station
 * still has to make on a ticket, and each station's progress for the expo view.
 */
import type { OrderLineView, OrderView } from "@tabletap/core";
import { stationLabel } from "@tabletap/core/stations";

/** A ticket's lines count as done once bumped, or all of them once the ticket is ready (or later). */
function lineDone(ticket: Pick<OrderView, "status">, line: Pick<OrderLineView, "doneAt">): boolean {
  return line.doneAt !== null || ticket.status === "ready" || ticket.status === "served";
}

/** True while `station` has a line of the ticket still to make (not bumped, ticket not ready yet). */
export function stationOwesWork(ticket: Pick<OrderView, "status" | "lines">, station: string): boolean {
  return ticket.lines.some((line) => line.station === station && !lineDone(ticket, line));
}

/** One station's share of a ticket: lines done of its lines. */
export interface StationProgress {
  station: string;
  done: number;
  total: number;
}

/** Each station of the ticket (in the order its lines first name them) with how many of its lines are done. */
export function stationProgress(ticket: Pick<OrderView, "status" | "lines">): StationProgress[] {
  const byStation = new Map<string, StationProgress>();
  for (const line of ticket.lines) {
    const entry = byStation.get(line.station) ?? { station: line.station, done: 0, total: 0 };
    entry.total += 1;
    if (lineDone(ticket, line)) entry.done += 1;
    byStation.set(line.station, entry);
  }
  return [...byStation.values()];
}

/** "Tandoor 1/2 · Kitchen ✓": a station's count of done lines, or a tick once all are done. */
export function progressText(progress: readonly StationProgress[]): string {
  return progress
    .map(({ station, done, total }) => `${stationLabel(station)} ${done === total ? "✓" : `${done}/${total}`}`)
    .join(" · ");
}
