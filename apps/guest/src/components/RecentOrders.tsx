import type { RecentOrder } from "@/lib/recent-orders";

/** Links to the guest's latest (up to 3) orders at this table, and to all their orders (/orders). */
export function RecentOrders({ orders }: { orders: RecentOrder[] }) {
  if (orders.length === 0) return null;
  return (
    <nav className="recent-orders" aria-label="Your orders at this table">
      {orders.slice(0, 3).map((order) => (
        <a key={order.id} href={`/orders/${order.id}`} className="recent-orders__link">
          <span>
            Track order <strong>{order.number}</strong>
          </span>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              d="M9 6l6 6-6 6"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </a>
      ))}
      <a href="/orders" className="recent-orders__all">
        All your orders
      </a>
    </nav>
  );
}
