"use client";
import type { OrderView } from "@tabletap/core";
import { formatMoney } from "@tabletap/core/money";
import { ORDER_STATUS_LABELS } from "@tabletap/core/order-status";
import { findOrdersInput } from "@tabletap/core/kitchen-lookup";
import { useTRPC } from "@tabletap/client/staff";
import { errorMessage } from "@tabletap/client/errors";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTimeOfDay } from "@/hooks/use-clock";
import { KdsDialog } from "./kds-dialog";

/**
 * Order lookup (`kitchen.findOrders`): staff type an order number ("42", "#042"), a table ("T7")
 * or the guest's phone (whole, or its last 4–9 digits) and see today's matching orders, served,
 * cancelled and rejected ones included, newest first, each with its status history.
 */
export function OrderLookupDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const result = useQuery({
    ...trpc.kitchen.findOrders.queryOptions({ query: query ?? "" }),
    enabled: query !== null,
    staleTime: 0,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = findOrdersInput.safeParse({ query: text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check what you typed");
      return;
    }
    setError(null);
    setQuery(parsed.data.query);
    if (parsed.data.query === query) void result.refetch();
  }

  const shownError =
    error ?? (result.isError ? errorMessage(result.error, "Couldn't reach the server. Try again.") : null);
  return (
    <KdsDialog labelledBy={titleId} onClose={onClose} wide>
      <form onSubmit={submit} noValidate role="search">
        <h2 id={titleId} className="dialog-title">
          Find an order
        </h2>
        <div className="field">
          <label htmlFor={inputId}>Order number, table or phone</label>
          <div className="lookup-row">
            <input
              id={inputId}
              type="text"
              value={text}
              autoFocus
              autoComplete="off"
              enterKeyHint="search"
              maxLength={60}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={shownError ? `${hintId} ${errorId}` : hintId}
              onChange={(event) => {
                setText(event.target.value);
                setError(null);
              }}
            />
            <button type="submit" className="btn btn-primary btn-lg" disabled={result.isFetching}>
              {result.isFetching ? "Finding…" : "Find"}
            </button>
          </div>
          <p id={hintId} className="dialog-text lookup-hint">
            Today&apos;s orders: 42 or #042, T7, or the guest&apos;s phone (the whole number or its last 4 digits).
          </p>
          {shownError ? (
            <p id={errorId} className="field-error" role="alert">
              {shownError}
            </p>
          ) : null}
        </div>
      </form>

      {result.data && query !== null ? (
        <section className="lookup-results" aria-label="Orders found" aria-live="polite">
          {result.data.orders.length === 0 ? (
            <p className="lookup-empty">No order of today matches “{query}”.</p>
          ) : (
            <>
              <p className="lookup-count">
                {result.data.orders.length} {result.data.orders.length === 1 ? "order" : "orders"} of today
                {result.data.more ? ` (the newest ${result.data.orders.length}; narrow the search for older ones)` : ""}
              </p>
              <ol className="lookup-list">
                {result.data.orders.map((order) => (
                  <li key={order.id}>
                    <FoundOrder order={order} />
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      ) : null}

      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost btn-lg" onClick={onClose}>
          Close
        </button>
      </div>
    </KdsDialog>
  );
}

/** One order found: number, table, status, total, its lines, then its status history as a timeline. */
function FoundOrder({ order }: { order: OrderView }) {
  const format = useTimeOfDay();
  const time = (iso: string) => (format ? format(Date.parse(iso)) : "");
  const headingId = useId();
  return (
    <article className={`lookup-order lookup-order--${order.status}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="lookup-order-head">
        <span className="lookup-number">{order.number}</span>
        <span className="lookup-table">{order.tableLabel}</span>
        <span className="lookup-status">{ORDER_STATUS_LABELS[order.status]}</span>
        <span className="lookup-total">{formatMoney(order.total, order.currency)}</span>
      </h3>
      <p className="lookup-lines">{order.lines.map((line) => `${line.quantity}× ${line.name}`).join(" · ")}</p>
      <ol className="timeline" aria-label={`History of order ${order.number}`}>
        {order.statusHistory.map((change, index) => (
          <li key={`${change.status}-${index}`} className={`timeline-step timeline-step--${change.status}`}>
            <time dateTime={change.at}>{time(change.at)}</time>
            <span className="timeline-status">{ORDER_STATUS_LABELS[change.status]}</span>
            {change.reason ? <span className="timeline-reason">“{change.reason}”</span> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
