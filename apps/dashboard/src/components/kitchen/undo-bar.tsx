"use client";
import type { UndoOffer } from "@/hooks/use-station-work";

/** The last bump with its one-tap Undo (shown for 10 s), at the bottom of the display. */
export function UndoBar({ offer, onDismiss }: { offer: UndoOffer; onDismiss: () => void }) {
  return (
    <div
      role="status"
      className="border-border-strong bg-surface fixed bottom-4 left-1/2 z-40 flex -translate-x-1/2 items-center gap-3 rounded-lg border px-4 py-2 shadow-lg"
    >
      <span className="font-semibold">{offer.text}</span>
      <button type="button" className="btn btn-primary btn-sm" onClick={offer.undo}>
        Undo
      </button>
      <button type="button" className="btn btn-ghost btn-sm" aria-label="Dismiss" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
