import type { OrderView } from "@tabletap/core";
import { exitReason, GUEST_ORDER_STATUS } from "@tabletap/core/order-status";
import type { ReactNode } from "react";
import { OrderTimeline } from "./OrderTimeline";

/**
 * The order's status in the guest's words (`GUEST_ORDER_STATUS`: a polite live region), what it
 * means, why it ended if it did, `estimate` (the ready-time estimate, while there is one) and
 * the timeline.
 */
export function OrderStatusCard({ order, estimate }: { order: OrderView; estimate?: ReactNode }) {
  const words = GUEST_ORDER_STATUS[order.status];
  const reason = exitReason(order);
  return (
    <section className={`card status-card status-card--${order.status}`} aria-labelledby="order-status-heading">
      <h2 id="order-status-heading" className="visually-hidden">
        Status
      </h2>
      <p
        id="order-status"
        data-testid="order-status"
        className="status-card__label"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        {words.label}
      </p>
      <p className="status-card__detail">{words.detail}</p>
      {reason && <p className="status-card__reason">Reason: {reason}</p>}
      {estimate}
      <OrderTimeline order={order} />
    </section>
  );
}
