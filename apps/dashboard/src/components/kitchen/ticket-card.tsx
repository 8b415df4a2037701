"use client";
import type { OrderLineView, OrderStatus, OrderView } from "@tabletap/core";
import { memo, useEffect, useRef } from "react";
import { forwardActionOf, ticketName, type StationTicket } from "@/lib/tickets";
import { AgeTimer } from "./age-timer";
import { stationHue, stationLabel } from "./station";

const STATUS_NOTE: Partial<Record<OrderStatus, string>> = {
  placed: "Waiting to accept",
  accepted: "Accepted",
  preparing: "Preparing",
  ready: "Ready to serve",
};

const PENDING_STOP: Partial<Record<OrderStatus, string>> = { rejected: "Rejecting…", cancelled: "Cancelling…" };

export interface TicketCardProps {
  item: StationTicket;
  /** Arrived since the board loaded: highlighted for a few seconds. */
  fresh: boolean;
  /** The status a move in flight for this ticket is heading to, if any. */
  pendingTo: OrderStatus | undefined;
  serverNow: number;
  /** Focus the ticket's main button when it appears (it just moved columns from the keyboard). */
  takeFocus?: boolean;
  onAdvance: (ticket: OrderView, to: OrderStatus) => void;
  /** Opens the reject (placed) / cancel (accepted, preparing) dialog. */
  onStop: (ticket: OrderView) => void;
}

/** One ticket on the kitchen display. */
function TicketCardImpl({ item, fresh, pendingTo, serverNow, takeFocus, onAdvance, onStop }: TicketCardProps) {
  const { ticket, lines, hiddenLines } = item;
  const forward = forwardActionOf(ticket);
  const name = ticketName(ticket);
  const busy = pendingTo !== undefined;
  const headingId = `ticket-${ticket.id}-title`;
  const primaryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus && !busy) primaryRef.current?.focus();
  }, [takeFocus, busy]);
  const canStop = ticket.status === "placed" || ticket.status === "accepted" || ticket.status === "preparing";

  return (
    <article className={`ticket ticket--${ticket.status}${fresh ? " is-fresh" : ""}`} aria-labelledby={headingId} aria-busy={busy || undefined} data-ticket-id={ticket.id}>
      <header className="ticket-head">
        <h3 className="ticket-title" id={headingId}>
          <span className="sr-only">Order {ticket.number} for </span>
          <span className="ticket-table" aria-hidden="true">
            {ticket.tableLabel}
          </span>
          <span className="sr-only">{ticket.tableLabel}</span>
        </h3>
        <div className="ticket-meta">
          <span className="ticket-number" aria-hidden="true">
            {ticket.number}
          </span>
          <span className="ticket-status">{STATUS_NOTE[ticket.status] ?? ticket.status}</span>
        </div>
        <div className="ticket-age">
          {fresh ? <span className="badge-new">New</span> : null}
          <AgeTimer placedAt={ticket.placedAt} serverNow={serverNow} />
        </div>
      </header>

      <ul className="ticket-lines" aria-label="Items">
        {lines.map((line, index) => (
          <TicketLine key={`${line.menuItemId}-${index}`} line={line} />
        ))}
      </ul>
      {hiddenLines > 0 ? (
        <p className="ticket-hidden">
          + {hiddenLines} {hiddenLines === 1 ? "item" : "items"} for other stations
        </p>
      ) : null}

      {forward ? (
        <div className="ticket-actions">
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
          {ticket.status === "placed" ? (
            <button type="button" className="btn btn-xl btn-reject" aria-label={`Reject ${name}`} aria-haspopup="dialog" disabled={busy} onClick={() => onStop(ticket)}>
              {pendingTo === "rejected" ? PENDING_STOP.rejected : "Reject"}
            </button>
          ) : canStop ? (
            <button type="button" className="btn btn-stop" aria-label={`Cancel ${name}`} aria-haspopup="dialog" disabled={busy} onClick={() => onStop(ticket)}>
              {pendingTo === "cancelled" ? PENDING_STOP.cancelled : "Cancel"}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/** One ticket line: quantity ×, name, modifiers grouped by their group, the guest's note, station. */
function TicketLine({ line }: { line: OrderLineView }) {
  const groups = new Map<string, string[]>();
  for (const modifier of line.modifiers) groups.set(modifier.groupName, [...(groups.get(modifier.groupName) ?? []), modifier.name]);
  return (
    <li className="line">
      <span className={`line-qty${line.quantity > 1 ? " line-qty--many" : ""}`}>{line.quantity}×</span>
      <span className="line-name">{line.name}</span>
      <span className={`station-tag station-hue-${stationHue(line.station)}`}>
        <span className="sr-only">Station: </span>
        {stationLabel(line.station)}
      </span>
      {groups.size > 0 ? (
        <ul className="line-mods">
          {[...groups].map(([group, names]) => (
            <li key={group}>
              <span className="line-mod-group">{group}:</span> {names.join(", ")}
            </li>
          ))}
        </ul>
      ) : null}
      {line.notes ? (
        <p className="line-note">
          <span className="line-note-tag">Note</span> {line.notes}
        </p>
      ) : null}
    </li>
  );
}

export const TicketCard = memo(TicketCardImpl);
