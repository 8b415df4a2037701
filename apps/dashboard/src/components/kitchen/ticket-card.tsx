"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { cn } from "@tabletap/ui/cn";
import { memo } from "react";
import { lineKey } from "@/hooks/use-station-work";
import { progressText, stationProgress } from "@/lib/stations";
import { ticketName, type StationTicket } from "@/lib/tickets";
import { AgeTimer } from "./age-timer";
import { useStationWorkContext } from "./station-work";
import { AllergenBanner } from "./allergen-banner";
import { TicketActions } from "./ticket-actions";
import { TicketLine } from "./ticket-line";

/** What the kitchen calls each status on a ticket. */
const STATUS_NOTE: Partial<Record<OrderStatus, string>> = {
  placed: "Waiting to accept",
  accepted: "Accepted",
  preparing: "Preparing",
  ready: "Ready to serve",
};

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

/**
 * One ticket on the kitchen display: table, number, status and age; its lines; its buttons. In a
 * station view each of the station's lines of a started (or accepted) ticket has a Bump button;
 * in the expo view (every station) the ticket shows each station's progress.
 */
function TicketCardImpl({ item, fresh, pendingTo, serverNow, takeFocus, onAdvance, onStop }: TicketCardProps) {
  const { ticket, lines, hiddenLines } = item;
  const headingId = `ticket-${ticket.id}-title`;
  const work = useStationWorkContext();
  const stationView = !!work?.station;
  const bumpable = stationView && (ticket.status === "accepted" || ticket.status === "preparing");
  return (
    <article
      className={cn("ticket", `ticket--${ticket.status}`, fresh && "is-fresh")}
      aria-labelledby={headingId}
      aria-busy={pendingTo !== undefined || undefined}
      data-ticket-id={ticket.id}
    >
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
      <AllergenBanner ticket={ticket} lines={lines} />

      <ul className="ticket-lines" aria-label="Items">
        {lines.map((line) => {
          const index = ticket.lines.indexOf(line);
          return (
            <TicketLine
              key={`${line.menuItemId}-${index}`}
              line={line}
              bump={
                work && bumpable
                  ? {
                      accessibleName: `Bump ${line.quantity}× ${line.name}, ${ticketName(ticket)}`,
                      pending: work.pendingLines.has(lineKey(ticket.id, index)),
                      onBump: () => work.bump(ticket, index),
                    }
                  : undefined
              }
            />
          );
        })}
      </ul>
      {work && !stationView ? (
        <p className="text-muted-foreground px-3.5 pb-1 text-sm font-semibold" data-testid="station-progress">
          <span className="sr-only">Stations: </span>
          {progressText(stationProgress(ticket))}
        </p>
      ) : null}
      {hiddenLines > 0 ? (
        <p className="ticket-hidden">
          + {hiddenLines} {hiddenLines === 1 ? "item" : "items"} for other stations
        </p>
      ) : null}

      <TicketActions
        ticket={ticket}
        stationView={stationView}
        pendingTo={pendingTo}
        takeFocus={takeFocus}
        onAdvance={onAdvance}
        onStop={onStop}
      />
    </article>
  );
}

export const TicketCard = memo(TicketCardImpl);
