"use client";
import type { OrderView } from "@tabletap/core";
import { ETA_POLICY, readyInWords } from "@tabletap/core/eta";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

/** Statuses an order has an estimate in (before ready). */
const ESTIMATED = new Set<OrderView["status"]>(["placed", "accepted", "preparing"]);

/**
 * "Ready in about 12–18 min" for an order not ready yet (`order.eta`): asked again on each of
 * the order's changes (`updatedAt`) and every `ETA_POLICY.refreshSeconds` (other tickets move
 * too), and re-worded each half minute as time passes. Nothing while there is no estimate.
 */
export function ReadyEstimate({ order }: { order: OrderView }) {
  const trpc = useTRPC();
  const estimated = ESTIMATED.has(order.status);
  const query = useQuery({
    ...trpc.order.eta.queryOptions({ orderId: order.id }),
    enabled: estimated,
    refetchInterval: ETA_POLICY.refreshSeconds * 1000,
  });
  const { refetch } = query;
  // Asked again on each change of the order (not on mount: the query just fetched).
  const seen = useRef(order.updatedAt);
  useEffect(() => {
    if (seen.current === order.updatedAt) return;
    seen.current = order.updatedAt;
    if (estimated) void refetch();
  }, [order.updatedAt, estimated, refetch]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!estimated || !query.data) return null;
  return (
    <p className="status-card__eta" data-testid="order-eta">
      {readyInWords(query.data, Math.max(now, query.dataUpdatedAt))}
    </p>
  );
}
