"use client";
import { billTotal } from "@tabletap/core/bill";
import { formatMoney } from "@tabletap/core/money";
import { TABLE_FLOOR_STATE_LABELS, type FloorTableView } from "@tabletap/core/tab";
import { cn } from "@tabletap/ui/cn";
import { memo } from "react";
import { useNow } from "@/hooks/use-clock";
import { counterAmountDue, durationText, isEmptySession, isPendingRequest } from "@/lib/floor";
import { FLOOR_STATE_STYLE } from "./floor-state";
import { RequestChip } from "./request-chip";

export interface TableCardProps {
  table: FloorTableView;
  serverNow: number;
  currency: string;
  /** Opens the table's detail sheet. */
  onOpen: (tableId: string) => void;
}

/**
 * One table on the floor: an `<article>` named "Table {label}", with its state (colour and
 * words), what is due (bill plus pending counter payments), guests, orders and how long they have
 * sat, and its pending service requests as chips with their age. The whole card is one button
 * (a stretched heading button) that opens the table's sheet.
 */
function TableCardImpl({ table, serverNow, currency, onOpen }: TableCardProps) {
  const headingId = `table-${table.tableId}-title`;
  const session = table.session;
  const requests = session?.requests.filter(isPendingRequest) ?? [];
  const style = FLOOR_STATE_STYLE[table.state];
  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        "bg-card border-border relative flex min-h-36 flex-col gap-2 rounded-lg border border-l-8 p-3",
        "hover:bg-surface-muted has-[button:focus-visible]:focus-ring",
        style.edge,
        table.state === "free" && "bg-surface",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="text-3xl leading-none font-black tracking-tight">
          <button
            type="button"
            aria-haspopup="dialog"
            onClick={() => onOpen(table.tableId)}
            className="cursor-pointer border-0 bg-transparent p-0 text-left outline-none after:absolute after:inset-0 after:rounded-lg after:content-['']"
          >
            <span className="sr-only">Table </span>
            {table.label}
          </button>
        </h2>
        <span className={cn("shrink-0 rounded-md px-2 py-0.5 text-sm font-extrabold", style.badge)}>
          {TABLE_FLOOR_STATE_LABELS[table.state]}
        </span>
      </div>

      {session ? (
        <>
          {isEmptySession(session) ? (
            <p className="text-muted-foreground text-lg font-semibold">Nothing ordered yet</p>
          ) : (
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-2xl font-extrabold tabular-nums">
                {formatMoney(counterAmountDue(session), currency)}
              </span>
              <span className="text-muted-foreground text-sm font-semibold">due</span>
            </p>
          )}
          <p className="text-muted-foreground text-sm">
            {session.guests} {session.guests === 1 ? "guest" : "guests"} · {session.orders}{" "}
            {session.orders === 1 ? "order" : "orders"} · <SatFor openedAt={session.openedAt} serverNow={serverNow} />
            {billTotal(session.totals.paid) > 0 ? (
              <span className="tabular-nums"> · {formatMoney(billTotal(session.totals.paid), currency)} paid</span>
            ) : null}
          </p>
        </>
      ) : (
        <p className="text-muted-foreground text-sm">
          {table.seats} seats
          {table.state === "paid" && table.lastClosedAt ? (
            <>
              {" "}
              · paid <SatFor openedAt={table.lastClosedAt} serverNow={serverNow} /> ago
            </>
          ) : null}
        </p>
      )}

      {requests.length > 0 ? (
        <ul className="mt-auto flex flex-wrap gap-1.5" aria-label="Requests">
          {requests.map((request) => (
            <li key={request.id}>
              <RequestChip request={request} serverNow={serverNow} />
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** Time since `openedAt`, ticking ("45 min", "1 h 05"). */
function SatFor({ openedAt, serverNow }: { openedAt: string; serverNow: number }) {
  const now = useNow(serverNow);
  return (
    <time dateTime={openedAt} className="tabular-nums" suppressHydrationWarning>
      {durationText(now - Date.parse(openedAt))}
    </time>
  );
}

export const TableCard = memo(TableCardImpl);
