import type { OrderStatus, OrderView } from "@tabletap/core";
import { ORDER_STATUS_LABELS } from "@tabletap/core/order-status";
import { OrderTimeline } from "./OrderTimeline";

/** What each status means for the guest, under its label. */
const STATUS_DETAIL: Record<OrderStatus, string> = {
  placed: "We've sent your order to the kitchen. The restaurant will confirm it shortly.",
  accepted: "The restaurant has accepted your order.",
  preparing: "The kitchen is preparing your food.",
  ready: "Your order is ready and on its way to your table.",
  served: "Enjoy your meal!",
  cancelled: "This order was cancelled.",
  rejected: "Sorry, the restaurant couldn't take this order.",
};

/** The order's status (a polite live region), what it means, why it ended if it did, and the timeline. */
export function OrderStatusCard({ order }: { order: OrderView }) {
  const ended = order.status === "cancelled" || order.status === "rejected";
  const reason =
    order.rejectionReason ?? order.statusHistory.findLast((c) => c.status === order.status)?.reason ?? null;
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
        {ORDER_STATUS_LABELS[order.status]}
      </p>
      <p className="status-card__detail">{STATUS_DETAIL[order.status]}</p>
      {ended && reason && <p className="status-card__reason">Reason: {reason}</p>}
      <OrderTimeline order={order} />
    </section>
  );
}
