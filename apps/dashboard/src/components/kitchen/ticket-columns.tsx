"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { useMemo } from "react";
import { COLUMNS, toColumns, type StationTicket } from "@/lib/tickets";
import { TicketCard } from "./ticket-card";

export interface TicketColumnsProps {
  /** The tickets to show (already filtered by station). */
  items: readonly StationTicket[];
  /** Ids of tickets that just arrived. */
  fresh: ReadonlySet<string>;
  /** Ticket id → the status its move in flight is heading to. */
  pendingByTicket: ReadonlyMap<string, OrderStatus>;
  serverNow: number;
  /** The ticket whose card takes keyboard focus (it just moved columns). */
  focusId: string | null;
  onAdvance: (ticket: OrderView, to: OrderStatus) => void;
  onStop: (ticket: OrderView) => void;
}

/** The board's columns (New, Preparing, Ready), each a counted list of tickets, oldest first. */
export function TicketColumns({ items, ...cardProps }: TicketColumnsProps) {
  const columns = useMemo(() => toColumns(items), [items]);
  return (
    <div className="columns">
      {COLUMNS.map((column) => (
        <TicketColumn key={column.id} id={column.id} title={column.title} items={columns[column.id]} {...cardProps} />
      ))}
    </div>
  );
}

type TicketColumnProps = Omit<TicketColumnsProps, "items"> & {
  id: string;
  title: string;
  items: readonly StationTicket[];
};

/** One column: its heading with the ticket count, then the tickets or "No tickets". */
function TicketColumn({
  id,
  title,
  items,
  fresh,
  pendingByTicket,
  serverNow,
  focusId,
  onAdvance,
  onStop,
}: TicketColumnProps) {
  const headingId = `column-${id}`;
  return (
    <section className={`column column--${id}`} aria-labelledby={headingId}>
      <h2 className="column-head">
        <span id={headingId}>{title}</span>
        <span className="column-count">
          {items.length}
          <span className="sr-only"> {items.length === 1 ? "ticket" : "tickets"}</span>
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="column-empty">No tickets</p>
      ) : (
        <ol className="column-list">
          {items.map((item) => (
            <li key={item.ticket.id}>
              <TicketCard
                item={item}
                fresh={fresh.has(item.ticket.id)}
                pendingTo={pendingByTicket.get(item.ticket.id)}
                serverNow={serverNow}
                takeFocus={focusId === item.ticket.id}
                onAdvance={onAdvance}
                onStop={onStop}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
