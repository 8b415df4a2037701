"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { useCallback, useEffect, useEffectEvent, useState } from "react";
import { forwardActionOf } from "@/lib/tickets";

/** The keys of a bump bar (or a keyboard) and what they do, as the "Shortcuts" help lists them. */
export const BUMP_BAR_KEYS = [
  {
    keys: ["1", "…", "9"],
    does: "Select the ticket with that number in its corner (New first, then Preparing, Ready)",
  },
  { keys: ["←", "→", "↑", "↓"], does: "Select the previous or next ticket" },
  { keys: ["Enter", "Space"], does: "Bump the selected ticket to its next step (Accept, Start, Ready, Served)" },
  { keys: ["Esc"], does: "Clear the selection" },
  { keys: ["/"], does: "Find an order by number, table or phone" },
  { keys: ["?"], does: "Show these shortcuts" },
] as const;

export interface BumpBarOptions {
  /** The tickets on screen, in the order they are shown (columns left to right, each top to bottom). */
  tickets: readonly OrderView[];
  /** Ticket id → the status its move in flight is heading to: a ticket with a move in flight isn't bumped again. */
  pendingByTicket: ReadonlyMap<string, OrderStatus>;
  onAdvance: (ticket: OrderView, to: OrderStatus) => void;
  onFind: () => void;
  onHelp: () => void;
  /** False while something else owns the keyboard (a dialog is open). */
  enabled: boolean;
}

/** Whether a key press belongs to what has focus: typing in a field, or a dialog, or a control's own Enter/Space. */
function ownedByTarget(event: KeyboardEvent): boolean {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog")) return true;
  const activates = event.key === "Enter" || event.key === " ";
  return activates && target.closest("button, a[href], summary, [role='button']") !== null;
}

/**
 * Keyboard and bump-bar control of the board: digits 1–9 select a ticket by its place on screen,
 * arrows move the selection, Enter or Space bumps the selected ticket one step forward (the move
 * core allows: `forwardActionOf`), Escape clears it, "/" opens the order lookup and "?" the help.
 * Keys typed into a field or a dialog, with Ctrl/Alt/Meta, and Enter/Space on a focused button are
 * left alone. When the selected ticket leaves the board, the one now in its place is selected.
 * Returns the selected ticket's id (or null).
 */
export function useBumpBar({ tickets, pendingByTicket, onAdvance, onFind, onHelp, enabled }: BumpBarOptions) {
  const [selection, setSelection] = useState<{ id: string; index: number } | null>(null);
  const index = selection ? tickets.findIndex((ticket) => ticket.id === selection.id) : -1;
  // Follow the selected ticket as the board reorders (React's "adjust state while rendering").
  if (selection && index >= 0 && index !== selection.index) setSelection({ id: selection.id, index });
  // The selected ticket left the board: the one now in its place (or the last) takes over.
  const selectedId =
    index >= 0
      ? selection!.id
      : selection && tickets.length > 0
        ? tickets[Math.min(selection.index, tickets.length - 1)]!.id
        : null;

  const select = useCallback((ticket: OrderView | undefined, at: number) => {
    if (ticket) setSelection({ id: ticket.id, index: at });
  }, []);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!enabled || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (ownedByTarget(event)) return;
    const current = selectedId ? tickets.findIndex((ticket) => ticket.id === selectedId) : -1;
    const key = event.key;
    let handled = true;
    if (/^[1-9]$/.test(key)) {
      select(tickets[Number(key) - 1], Number(key) - 1);
    } else if (key === "ArrowRight" || key === "ArrowDown") {
      const next = Math.min(current + 1, tickets.length - 1);
      select(tickets[next], next);
    } else if (key === "ArrowLeft" || key === "ArrowUp") {
      const previous = Math.max(current - 1, 0);
      select(tickets[previous], previous);
    } else if (key === "Enter" || key === " ") {
      const ticket = current >= 0 ? tickets[current] : undefined;
      const action = ticket ? forwardActionOf(ticket) : null;
      if (ticket && action && !pendingByTicket.has(ticket.id)) onAdvance(ticket, action.to);
    } else if (key === "Escape") {
      setSelection(null);
    } else if (key === "/") {
      onFind();
    } else if (key === "?") {
      onHelp();
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  });

  useEffect(() => {
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // Keep the selected ticket in view.
  useEffect(() => {
    if (!selectedId) return;
    document
      .querySelector(`[data-ticket-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedId]);

  return { selectedId };
}
