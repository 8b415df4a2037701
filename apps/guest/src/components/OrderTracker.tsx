"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { ORDER_STATUS_LABELS } from "@tabletap/core/order-status";
import { useTRPC, useTRPCClient } from "@tabletap/client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useState } from "react";
import { errorCode, errorMessage } from "@/lib/errors";
import { clockTime, money } from "@/lib/format";
import { findRecentOrder, type RecentOrder } from "@/lib/recent-orders";
import { OrderNotFound } from "./OrderNotFound";
import { SignIn } from "./SignIn";

const PATH: readonly OrderStatus[] = ["placed", "accepted", "preparing", "ready", "served"];
const TERMINAL: readonly OrderStatus[] = ["served", "cancelled", "rejected"];

const STATUS_DETAIL: Record<OrderStatus, string> = {
  placed: "We've sent your order to the kitchen. The restaurant will confirm it shortly.",
  accepted: "The restaurant has accepted your order.",
  preparing: "The kitchen is preparing your food.",
  ready: "Your order is ready and on its way to your table.",
  served: "Enjoy your meal!",
  cancelled: "This order was cancelled.",
  rejected: "Sorry, the restaurant couldn't take this order.",
};

/** Newest history entry per status: when the order reached it. */
function reachedAt(order: OrderView): Map<OrderStatus, string> {
  const map = new Map<OrderStatus, string>();
  for (const change of order.statusHistory) map.set(change.status, change.at);
  return map;
}

function Timeline({ order }: { order: OrderView }) {
  const reached = reachedAt(order);
  const ended = order.status === "cancelled" || order.status === "rejected";
  const currentIndex = PATH.indexOf(order.status);
  // For a cancelled or rejected order: the normal steps it got through, then how it ended.
  const steps: OrderStatus[] = ended ? [...PATH.filter((s) => reached.has(s)), order.status] : [...PATH];
  return (
    <ol className="timeline" aria-label="Order progress">
      {steps.map((status, index) => {
        const done = ended || index <= currentIndex;
        const current = status === order.status;
        const at = reached.get(status);
        const state = current ? (ended ? "ended" : status === "served" ? "done" : "current") : done ? "done" : "todo";
        return (
          <li key={status} className={`timeline__step timeline__step--${state}`} aria-current={current ? "step" : undefined}>
            <span className="timeline__dot" aria-hidden="true">
              {state === "done" && (
                <svg viewBox="0 0 24 24" width="14" height="14">
                  <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              )}
              {state === "ended" && (
                <svg viewBox="0 0 24 24" width="14" height="14">
                  <path d="M7 7l10 10M17 7L7 17" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
                </svg>
              )}
            </span>
            <span className="timeline__label">{ORDER_STATUS_LABELS[status]}</span>
            {at && (done || current) ? (
              <time className="timeline__time" dateTime={at}>
                {clockTime(at)}
              </time>
            ) : (
              <span className="visually-hidden">{state === "todo" ? "(not yet)" : ""}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function LiveIndicator({ status, onRetry, finished }: { status: "idle" | "connecting" | "pending" | "error"; onRetry: () => void; finished: boolean }) {
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (status === "pending") setWasLive(true);
  }, [status]);
  if (finished) return null;
  if (status === "pending")
    return (
      <span className="live live--on">
        <span className="live__dot" aria-hidden="true" />
        Live
      </span>
    );
  if (status === "error")
    return (
      <span className="live live--off">
        Updates paused ·{" "}
        <button type="button" className="link-button" onClick={onRetry}>
          Reconnect
        </button>
      </span>
    );
  return (
    <span className="live live--connecting">
      <span className="live__dot" aria-hidden="true" />
      {wasLive ? "Reconnecting…" : "Connecting…"}
    </span>
  );
}

function OrderSkeleton() {
  return (
    <main id="main" className="page" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your order…
      </p>
      <div className="container">
        <div className="card">
          <div className="skeleton skeleton--line skeleton--short" />
          <div className="skeleton skeleton--title" />
          <div className="skeleton skeleton--line" />
        </div>
        <div className="card">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="skeleton skeleton--line" />
          ))}
        </div>
      </div>
    </main>
  );
}

/** An order's page: status with a live timeline, the lines and the server's totals. */
export function OrderTracker({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const getClient = useCallback(() => Promise.resolve(client), [client]);
  const queryClient = useQueryClient();
  const orderKey = trpc.order.get.queryKey({ orderId });
  const [recent, setRecent] = useState<RecentOrder | undefined>(undefined);
  useEffect(() => setRecent(findRecentOrder(orderId)), [orderId]);

  const [liveFailed, setLiveFailed] = useState(false);
  const orderQuery = useQuery({
    ...trpc.order.get.queryOptions({ orderId }),
    // If the live stream is down, fall back to polling.
    refetchInterval: (query) => (liveFailed && query.state.data && !TERMINAL.includes(query.state.data.status) ? 15_000 : false),
  });
  const order = orderQuery.data;
  const finished = !!order && TERMINAL.includes(order.status);

  const subscription = useSubscription(
    trpc.order.onUpdate.subscriptionOptions(
      { orderId },
      {
        enabled: !!order && !finished,
        onData: (event) => queryClient.setQueryData(orderKey, event.data),
      },
    ),
  );
  useEffect(() => setLiveFailed(subscription.status === "error"), [subscription.status]);

  if (!order) {
    if (orderQuery.isPending) return <OrderSkeleton />;
    const code = errorCode(orderQuery.error);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return <OrderNotFound />;
    if (code === "UNAUTHORIZED") {
      return (
        <main id="main" className="page">
          <div className="container container--narrow">
            <section className="card signin-card">
              <SignIn getClient={getClient} headingLevel={1} heading="Sign in to see your order" lead="Use the phone number you ordered with." onSignedIn={() => void orderQuery.refetch()} />
            </section>
          </div>
        </main>
      );
    }
    return (
      <main id="main" className="page page--center">
        <div className="container container--narrow">
          <div className="card notice-card">
            <h1 className="notice-card__title">We couldn&apos;t load your order</h1>
            <p role="alert">{errorMessage(orderQuery.error)}</p>
            <button type="button" className="button button--primary button--block" onClick={() => void orderQuery.refetch()} disabled={orderQuery.isFetching}>
              {orderQuery.isFetching ? "Trying again…" : "Try again"}
            </button>
          </div>
        </div>
      </main>
    );
  }

  const ended = order.status === "cancelled" || order.status === "rejected";
  const reason = order.rejectionReason ?? order.statusHistory.findLast((c) => c.status === order.status)?.reason ?? null;
  const count = order.lines.reduce((sum, l) => sum + l.quantity, 0);

  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <div className="site-header__titles">
            <h1 className="site-header__title">Order {order.number}</h1>
            <p className="site-header__subtitle">
              <span className="table-pill">Table {order.tableLabel}</span>
              <span className="muted">Placed at {clockTime(order.placedAt)}</span>
            </p>
          </div>
          <LiveIndicator status={subscription.status} finished={finished} onRetry={() => subscription.reset()} />
        </div>
      </header>
      <main id="main" className="page">
        <div className="container">
          <section className={`card status-card status-card--${order.status}`} aria-labelledby="order-status-heading">
            <h2 id="order-status-heading" className="visually-hidden">
              Status
            </h2>
            <p id="order-status" data-testid="order-status" className="status-card__label" role="status" aria-live="polite" aria-atomic="true">
              {ORDER_STATUS_LABELS[order.status]}
            </p>
            <p className="status-card__detail">{STATUS_DETAIL[order.status]}</p>
            {ended && reason && <p className="status-card__reason">Reason: {reason}</p>}
            <Timeline order={order} />
          </section>

          <section className="card" aria-labelledby="order-items-heading">
            <h2 id="order-items-heading" className="card__title">
              Your order <span className="muted">· {count} {count === 1 ? "item" : "items"}</span>
            </h2>
            <ul className="order-lines">
              {order.lines.map((line, index) => (
                <li key={`${line.menuItemId}-${index}`} className="order-line">
                  <span className="order-line__qty">{line.quantity} ×</span>
                  <div className="order-line__main">
                    <p className="order-line__name">{line.name}</p>
                    {line.modifiers.length > 0 && <p className="order-line__modifiers">{line.modifiers.map((m) => m.name).join(" · ")}</p>}
                    {line.notes && <p className="order-line__notes">Note: {line.notes}</p>}
                  </div>
                  <span className="order-line__total price">{money(line.lineTotal, order.currency)}</span>
                </li>
              ))}
            </ul>
            <dl className="totals" aria-label="Bill">
              <div className="totals__row">
                <dt>Subtotal</dt>
                <dd>{money(order.subtotal, order.currency)}</dd>
              </div>
              {order.serviceCharge > 0 && (
                <div className="totals__row">
                  <dt>Service charge</dt>
                  <dd>{money(order.serviceCharge, order.currency)}</dd>
                </div>
              )}
              <div className="totals__row">
                <dt>GST</dt>
                <dd>{money(order.tax, order.currency)}</dd>
              </div>
              {order.tip > 0 && (
                <div className="totals__row">
                  <dt>Tip</dt>
                  <dd>{money(order.tip, order.currency)}</dd>
                </div>
              )}
              <div className="totals__row totals__row--total">
                <dt>Total</dt>
                <dd>{money(order.total, order.currency)}</dd>
              </div>
            </dl>
          </section>

          <div className="order-actions">
            {recent ? (
              <a href={`/t/${recent.tableCode}`} className="button button--primary button--block button--large">
                Order more
              </a>
            ) : (
              <p className="muted center">To order more, scan the QR code on your table.</p>
            )}
          </div>
        </div>
      </main>
    </>
  );
}
