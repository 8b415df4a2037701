"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from "react";
import { CARD_SLOT_PX, cardSlots, columnSpans } from "@/lib/board-layout";
import { COLUMNS, type ColumnId, type StationTicket } from "@/lib/tickets";
import { TicketCard } from "./ticket-card";

/** The bump-bar keys 1–9 go to the first nine tickets in board order. */
const KEYED_TICKETS = 9;

/** The board's tickets in the order shown and keyed: the New column first, then Preparing, Ready; each oldest first. */
export function boardOrder(columns: Record<ColumnId, readonly StationTicket[]>): OrderView[] {
  return COLUMNS.flatMap((column) => columns[column.id].map((item) => item.ticket));
}

export interface TicketColumnsProps {
  /** The tickets to show (already filtered by station), grouped by `toColumns`. */
  columns: Record<ColumnId, readonly StationTicket[]>;
  /** Ids of tickets that just arrived. */
  fresh: ReadonlySet<string>;
  /** Ticket id → the status its move in flight is heading to. */
  pendingByTicket: ReadonlyMap<string, OrderStatus>;
  serverNow: number;
  /** The ticket whose card takes keyboard focus (it just moved columns from the keyboard). */
  focusId: string | null;
  /** The ticket the bump bar has selected (outlined), if any. */
  selectedId: string | null;
  /** Compact tickets: narrower card slots, so more fit side by side. */
  compact: boolean;
  onAdvance: (ticket: OrderView, to: OrderStatus) => void;
  onStop: (ticket: OrderView) => void;
}

/**
 * The board's columns (New, Preparing, Ready), each a counted list of tickets, oldest first.
 * Once the board's width is measured, the card slots that fit side by side are shared out by
 * `columnSpans` (a busy column spreads over several card columns; `--span`); the first nine
 * tickets carry their bump-bar key (1–9) in a corner.
 */
export function TicketColumns({ columns, compact, ...cardProps }: TicketColumnsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const spans =
    width === null
      ? null
      : columnSpans(
          COLUMNS.map((column) => columns[column.id].length),
          cardSlots(width, compact ? CARD_SLOT_PX.compact : CARD_SLOT_PX.full, COLUMNS.length),
        );
  const keys = new Map(
    boardOrder(columns)
      .slice(0, KEYED_TICKETS)
      .map((ticket, index) => [ticket.id, index + 1]),
  );
  return (
    <div className="columns" ref={ref} data-measured={spans ? true : undefined}>
      {COLUMNS.map((column, index) => (
        <TicketColumn
          key={column.id}
          id={column.id}
          title={column.title}
          items={columns[column.id]}
          keys={keys}
          span={spans?.[index] ?? 1}
          {...cardProps}
        />
      ))}
    </div>
  );
}

/** The width of `ref`'s element in CSS px, kept current with a ResizeObserver; null until measured (on the server). */
function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

type TicketColumnProps = Omit<TicketColumnsProps, "columns" | "compact"> & {
  id: string;
  /** Card columns this column spreads over. */
  span: number;
  title: string;
  items: readonly StationTicket[];
  keys: ReadonlyMap<string, number>;
};

/** One column: its heading with the ticket count, then the tickets or "No tickets". */
function TicketColumn({
  id,
  title,
  items,
  keys,
  span,
  fresh,
  pendingByTicket,
  serverNow,
  focusId,
  selectedId,
  onAdvance,
  onStop,
}: TicketColumnProps) {
  const headingId = `column-${id}`;
  return (
    <section className={`column column--${id}`} aria-labelledby={headingId} style={{ "--span": span } as CSSProperties}>
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
          {items.map((item) => {
            const key = keys.get(item.ticket.id);
            const selected = selectedId === item.ticket.id;
            return (
              <li key={item.ticket.id} className="column-item" data-selected={selected || undefined}>
                {key ? (
                  <span className="ticket-key" aria-hidden="true">
                    {key}
                  </span>
                ) : null}
                {selected ? <span className="sr-only">Selected: </span> : null}
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
            );
          })}
        </ol>
      )}
    </section>
  );
}
