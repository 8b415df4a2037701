"use client";
import { useEffect, useState } from "react";
import { recentOrdersAt, type RecentOrder } from "@/lib/recent-orders";

/** This browser's recent orders at the table (read after hydration: they live in localStorage). */
export function useRecentOrders(tableCode: string): RecentOrder[] {
  const [recent, setRecent] = useState<RecentOrder[]>([]);
  useEffect(() => setRecent(recentOrdersAt(tableCode)), [tableCode]);
  return recent;
}
