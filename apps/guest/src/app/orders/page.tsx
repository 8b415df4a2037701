import { ApiProvider } from "@tabletap/client/guest";
import type { Metadata } from "next";
import { OrderHistory } from "@/components/OrderHistory";

export const metadata: Metadata = { title: "Your orders" };

/**
 * The signed-in guest's order history at every restaurant (`order.mine`), read in the browser
 * (signing in here when the session is gone), with "Reorder" at tables still taking orders.
 */
export default function OrdersPage() {
  return (
    <ApiProvider>
      <OrderHistory />
    </ApiProvider>
  );
}
