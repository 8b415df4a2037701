"use client";
import type { KitchenBoardView } from "@tabletap/core";
import { errorMessage } from "@tabletap/client/errors";
import { hiddenTicketsText } from "@/lib/tickets";
import { useTimeOfDay } from "@/hooks/use-clock";
import { stationLabel } from "./station";

/** The board before its first load. */
export function BoardLoading() {
  return (
    <div className="board-message" role="status">
      <span className="spinner" aria-hidden="true" />
      <p className="board-message-title">Loading tickets…</p>
    </div>
  );
}

/** The first load failed (the query keeps retrying); "Try again" retries now. */
export function BoardError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="board-message" role="alert">
      <p className="board-message-title">We couldn&apos;t load the tickets.</p>
      <p>{errorMessage(error, "Check the connection; the display keeps trying.")}</p>
      <button type="button" className="btn btn-primary btn-lg" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** No open tickets (for the chosen station, with a way back to all stations). */
export function BoardEmpty({ station, onShowAll }: { station: string | null; onShowAll: () => void }) {
  return (
    <div className="board-message board-empty" role="status">
      <p className="board-message-title">
        {station ? `No open tickets for ${stationLabel(station)}` : "No open tickets"}
      </p>
      <p>New orders appear here automatically.</p>
      {station ? (
        <button type="button" className="btn btn-ghost btn-lg" onClick={onShowAll}>
          Show all stations
        </button>
      ) : null}
    </div>
  );
}

/** How many older tickets the API left out of the board (`hiddenTicketsText`); nothing when none. */
export function HiddenTickets({ hidden }: { hidden: KitchenBoardView["hidden"] }) {
  const format = useTimeOfDay();
  const text = hiddenTicketsText(hidden, (iso) => (format ? `at ${format(Date.parse(iso))}` : "earlier"));
  return text ? (
    <p className="hidden-tickets" role="status">
      {text}
    </p>
  ) : null;
}
