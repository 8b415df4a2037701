"use client";
import type { OrderView } from "@tabletap/core";
import { useEffect, useState } from "react";
import { useLiveOrder } from "@/hooks/useLiveOrder";
import { errorCode } from "@/lib/errors";
import { findRecentOrder, type RecentOrder } from "@/lib/recent-orders";
import { ClockTime } from "./ClockTime";
import type { LiveState } from "@/hooks/useLiveFallback";
import { LiveIndicator } from "./LiveIndicator";
import { OrderBill } from "./OrderBill";
import { OrderNotFound } from "./OrderNotFound";
import { OrderSkeleton } from "./OrderSkeleton";
import { OrderStatusCard } from "./OrderStatusCard";
import { QueryUnavailable } from "./QueryUnavailable";
import { ReadyEstimate } from "./ReadyEstimate";

/** Why the order could not be shown: unknown order, signed out (sign in here), or an error to retry. */
function OrderUnavailable({ query }: { query: ReturnType<typeof useLiveOrder>["query"] }) {
  const code = errorCode(query.error);
  if (code === "NOT_FOUND" || code === "BAD_REQUEST") return <OrderNotFound />;
  return (
    <QueryUnavailable
      query={query}
      title="We couldn't load your order"
      headingLevel={1}
      signIn={{ heading: "Sign in to see your order", lead: "Use the phone number you ordered with." }}
    />
  );
}

/** The order page's header: number, table, time placed, and the live stream's state. */
function OrderHeader({
  order,
  live,
  finished,
  onReconnect,
}: {
  order: OrderView;
  live: LiveState;
  finished: boolean;
  onReconnect: () => void;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <div className="site-header__titles">
          <h1 className="site-header__title">Order {order.number}</h1>
          <p className="site-header__subtitle">
            <span className="table-pill">Table {order.tableLabel}</span>
            <span className="muted">
              Placed at <ClockTime iso={order.placedAt} />
            </span>
          </p>
        </div>
        <LiveIndicator live={live} finished={finished} onRetry={onReconnect} />
      </div>
    </header>
  );
}

/**
 * An order's page: status with a live timeline, the lines and the server's totals. Reads the
 * order from the query cache the server page hydrated (`useLiveOrder`).
 */
export function OrderTracker({ orderId }: { orderId: string }) {
  const { query, order, finished, live, reconnect } = useLiveOrder(orderId);
  const [recent, setRecent] = useState<RecentOrder | undefined>(undefined);
  useEffect(() => setRecent(findRecentOrder(orderId)), [orderId]);

  if (!order) return query.isPending ? <OrderSkeleton /> : <OrderUnavailable query={query} />;

  return (
    <>
      <OrderHeader order={order} live={live} finished={finished} onReconnect={reconnect} />
      <main id="main" className="page">
        <div className="container">
          <OrderStatusCard order={order} estimate={<ReadyEstimate order={order} />} />
          <OrderBill order={order} />
          <div className="order-actions">
            {recent ? (
              <>
                <a href={`/t/${recent.tableCode}`} className="button button--primary button--block button--large">
                  Order more
                </a>
                <a href={`/t/${recent.tableCode}/bill`} className="button button--secondary button--block">
                  See the table&apos;s bill
                </a>
              </>
            ) : (
              <p className="muted center">To order more, scan the QR code on your table.</p>
            )}
          </div>
        </div>
      </main>
    </>
  );
}
