"use client";
import type { OrderHistoryItem } from "@tabletap/core";
import { summarizeOrderLines } from "@tabletap/core/order-history";
import { ORDER_STATUS_LABELS } from "@tabletap/core/order-status";
import { useTRPC } from "@tabletap/client/guest";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useReorder, type ReorderState } from "@/hooks/useReorder";
import { money, plural } from "@/lib/format";
import { QueryUnavailable } from "./QueryUnavailable";

const dateTimeFormat = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short" });

/** An ISO time as the guest's local date and time, e.g. "15 Jun 2026, 12:00 pm". */
function dateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Why "Reorder" stopped short: the items skipped, and the way on to the cart. */
function ReorderNotice({ state }: { state: Extract<ReorderState, { step: "skipped" }> }) {
  return (
    <div className="alert alert--warning" role="alert">
      <p>
        {state.skipped.join(", ")} {state.skipped.length === 1 ? "isn't" : "aren't"} available now
        {state.added > 0 ? `; we added the other ${plural(state.added, "item")} to your cart.` : "."}
      </p>
      {state.added > 0 && (
        <a href={`/t/${state.tableCode}#cart`} className="button button--primary button--small">
          Open the cart
        </a>
      )}
    </div>
  );
}

/** One past order: where and when, status, what was in it, the total, and "Reorder" while the table takes orders. */
function OrderCard({
  order,
  reorder,
  onReorder,
}: {
  order: OrderHistoryItem;
  reorder: ReorderState;
  onReorder: (order: OrderHistoryItem & { tableCode: string }) => void;
}) {
  const titleId = `order-${order.id}`;
  const mine = reorder.step !== "idle" && reorder.orderId === order.id;
  const { tableCode } = order;
  return (
    <li>
      <article className="card history-card" aria-labelledby={titleId}>
        <h2 id={titleId} className="history-card__title">
          <a href={`/orders/${order.id}`}>
            {order.restaurantName} · Order {order.number}
          </a>
        </h2>
        <p className="muted">
          Table {order.tableLabel} · {dateTime(order.placedAt)} · {ORDER_STATUS_LABELS[order.status]}
        </p>
        <p>{summarizeOrderLines(order.lines)}</p>
        <p className="history-card__footer">
          <strong>{money(order.total, order.currency)}</strong>
          {tableCode && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onReorder({ ...order, tableCode })}
              disabled={mine && reorder.step === "loading"}
              aria-describedby={titleId}
            >
              {mine && reorder.step === "loading" ? "Adding…" : "Reorder"}
            </button>
          )}
        </p>
        {mine && reorder.step === "skipped" && <ReorderNotice state={reorder} />}
        {mine && reorder.step === "failed" && (
          <p className="alert alert--error" role="alert">
            {reorder.message}
          </p>
        )}
      </article>
    </li>
  );
}

/**
 * The signed-in guest's orders at every restaurant, newest first (`order.mine`, a page at a
 * time with "Load more"), each linking to its tracking page, with "Reorder" (`useReorder`).
 */
export function OrderHistory() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.order.mine.infiniteQueryOptions({}, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const { state, reorder } = useReorder();
  const orders = query.data?.pages.flatMap((page) => page.orders) ?? [];

  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <div className="site-header__titles">
            <h1 className="site-header__title">Your orders</h1>
          </div>
        </div>
      </header>
      <main id="main" className="page">
        <div className="container">
          {query.isPending ? (
            <p className="muted center" role="status">
              Loading your orders…
            </p>
          ) : query.isError && orders.length === 0 ? (
            <QueryUnavailable
              query={query}
              title="We couldn't load your orders"
              headingLevel={2}
              signIn={{ heading: "Sign in to see your orders", lead: "Use the phone number you ordered with." }}
            />
          ) : orders.length === 0 ? (
            <p className="muted center">No orders yet. Scan the QR code on a table to order.</p>
          ) : (
            <>
              <ul className="history-list" aria-label="Orders, newest first">
                {orders.map((order) => (
                  <OrderCard key={order.id} order={order} reorder={state} onReorder={(o) => void reorder(o)} />
                ))}
              </ul>
              {query.hasNextPage && (
                <button
                  type="button"
                  className="button button--secondary button--block"
                  onClick={() => void query.fetchNextPage()}
                  disabled={query.isFetchingNextPage}
                >
                  {query.isFetchingNextPage ? "Loading…" : "Load more"}
                </button>
              )}
            </>
          )}
        </div>
      </main>
    </>
  );
}
