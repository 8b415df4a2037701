"use client";
import { useCallback, useEffect, useRef, useState } from "react";

/** How long a moved ticket may take to appear and claim focus. */
const FOLLOW_MS = 1_000;

/**
 * Keeps keyboard focus on a ticket that moves to another column (where it is a new card).
 * `remember(id)` before the move notes whether focus is inside that ticket (`[data-ticket-id]`);
 * `moved(id)` after it makes `focusId` that ticket for a second, for its card to focus itself.
 */
export function useFollowFocus() {
  const from = useRef<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    const done = setTimeout(() => setFocusId(null), FOLLOW_MS);
    return () => clearTimeout(done);
  }, [focusId]);
  const remember = useCallback((ticketId: string) => {
    const focused = document.activeElement?.closest("[data-ticket-id]")?.getAttribute("data-ticket-id");
    from.current = focused === ticketId ? ticketId : null;
  }, []);
  const moved = useCallback((ticketId: string) => {
    if (from.current === ticketId) setFocusId(ticketId);
  }, []);
  return { focusId, remember, moved };
}
