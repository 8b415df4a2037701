import { ApiProvider } from "@tabletap/client/guest";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderTracker } from "@/components/OrderTracker";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

const isOrderId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

export async function generateMetadata({ params }: { params: Promise<{ orderId: string }> }): Promise<Metadata> {
  return { title: isOrderId((await params).orderId) ? "Your order" : "Order not found" };
}

/**
 * An order's tracking page. The order is prefetched on the server as the guest and hydrated into
 * the browser's query cache, so the first paint has it; the browser then follows it live. When
 * the server can't read it (e.g. only the refresh cookie is left), the browser fetches it
 * itself, renewing the session. Only a malformed id is answered here, with a 404.
 */
export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  if (!isOrderId(orderId)) notFound();
  await getQueryClient().prefetchQuery(trpc.order.get.queryOptions({ orderId }));
  return (
    <ApiProvider>
      <HydrateClient>
        <OrderTracker orderId={orderId} />
      </HydrateClient>
    </ApiProvider>
  );
}
