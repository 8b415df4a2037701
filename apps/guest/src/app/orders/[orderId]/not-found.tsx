import type { Metadata } from "next";
import { OrderNotFound } from "@/components/OrderNotFound";

export const metadata: Metadata = { title: "Order not found" };

export default function OrderNotFoundPage() {
  return <OrderNotFound />;
}
