import { ApiProvider } from "@tabletap/client";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderTracker } from "@/components/OrderTracker";

const isOrderId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

export async function generateMetadata({ params }: { params: Promise<{ orderId: string }> }): Promise<Metadata> {
  return { title: isOrderId((await params).orderId) ? "Your order" : "Order not found" };
}

/**
 * An order's tracking page. The order is read and followed live in the browser (the guest's
 * session renews itself there); only a malformed id is answered here, with a 404.
 */
export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  if (!isOrderId(orderId)) notFound();
  return (
    <ApiProvider>
      <OrderTracker orderId={orderId} />
    </ApiProvider>
  );
}
