"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import type { OrderExit } from "@tabletap/core/order-status";
import { useEffect, useRef } from "react";
import { exitActionOf, forwardActionOf } from "@/lib/tickets";

/** Rejecting a new order is a big button beside Accept; cancelling later is a small one. */
const EXIT_CLASS: Record<OrderExit, string> = { rejected: "btn btn-xl btn-reject", cancelled: "btn btn-stop" };

export interface TicketActionsProps {
  ticket: OrderView;
  /**
   * A station's view: its lines are bumped one by one (the ticket is ready once every station's
   * are), so no Start / Ready button; Accept, Served and Reject / Cancel stay.
   */
  stationView?: boolean;
  /** The status a move in flight for this ticket is heading to, if any (then every button is disabled). */
  pendingTo: OrderStatus | undefined;
  /** Focus the forward button when it appears (the ticket just moved columns from the keyboard). */
  takeFocus?: boolean;
  onAdvance: (ticket: OrderView, to: OrderStatus) => void;
  /** Opens the reject / cancel dialog. */
  onStop: (ticket: OrderView) => void;
}

/** A ticket's buttons, as core allows for its status: the forward step, and Reject or Cancel. */
export function TicketActions({ ticket, stationView, pendingTo, takeFocus, onAdvance, onStop }: TicketActionsProps) {
  const next = forwardActionOf(ticket);
  const forward = stationView && (next?.to === "preparing" || next?.to === "ready") ? null : next;
  const exit = exitActionOf(ticket);
  const busy = pendingTo !== undefined;
  const primaryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus && !busy) primaryRef.current?.focus();
  }, [takeFocus, busy]);

  if (!forward && !exit) return null;
  return (
    <div className="ticket-actions">
      {forward ? (
        <button
          type="button"
          className={`btn btn-xl btn-go btn-go--${forward.to}`}
          aria-label={forward.accessibleName}
          ref={primaryRef}
          disabled={busy}
          onClick={() => onAdvance(ticket, forward.to)}
        >
          {pendingTo === forward.to ? forward.pendingLabel : forward.label}
        </button>
      ) : null}
      {exit ? (
        <button
          type="button"
          className={EXIT_CLASS[exit.to]}
          aria-label={exit.accessibleName}
          aria-haspopup="dialog"
          disabled={busy}
          onClick={() => onStop(ticket)}
        >
          {pendingTo === exit.to ? exit.pendingLabel : exit.label}
        </button>
      ) : null}
    </div>
  );
}
