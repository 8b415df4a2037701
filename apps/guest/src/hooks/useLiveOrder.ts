"use client";
import { isTerminalOrderStatus, RECALL_POLICY, RECALL_TRANSITIONS } from "@tabletap/core/order-status";
import type { OrderView } from "@tabletap/core/views";
import { isStaleOrderView } from "@tabletap/core/views";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { useLiveFallback } from "./useLiveFallback";

/**
 * One order, followed live: `order.get` from the query cache (hydrated by the server page when
 * it could read the order, else fetched here), kept current by the `order.onUpdate`
 * subscription until the order reaches a terminal status (a served order: until the kitchen can
 * no longer recall it, `RECALL_POLICY`), and polled while the stream cannot
 * connect or has dropped (`useLiveFallback`), so the page never shows an old status as current.
 */
export function useLiveOrder(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.order.get.queryOptions({ orderId }));
  const order = query.data;
  const recallable = useRecallWindow(order);
  const finished = !!order && isTerminalOrderStatus(order.status) && !recallable;

  const subscription = useSubscription(
    trpc.order.onUpdate.subscriptionOptions(
      { orderId },
      {
        enabled: !!order && !finished,
        // Events can arrive out of order (the API's `placed` and the worker's `accepted` race): keep the newest.
        onData: (event) =>
          queryClient.setQueryData(trpc.order.get.queryKey({ orderId }), (shown) =>
            isStaleOrderView(shown, event.data) ? shown : event.data,
          ),
      },
    ),
  );
  const live = useLiveFallback({
    status: subscription.status,
    active: !!order && !finished,
    dataUpdatedAt: query.dataUpdatedAt,
    refetch: query.refetch,
  });

  return { query, order, finished, live, reconnect: () => subscription.reset() };
}

/**
 * True while the kitchen may still recall `order` from a terminal status (served → ready, within
 * `RECALL_POLICY.windowSeconds` of its last change), so the page keeps following it until then.
 */
function useRecallWindow(order: Pick<OrderView, "status" | "updatedAt"> | undefined): boolean {
  const changedAt =
    order && isTerminalOrderStatus(order.status) && RECALL_TRANSITIONS[order.status] ? order.updatedAt : null;
  // The change whose window has closed; the window of any later change is open until its timer fires.
  const [closed, setClosed] = useState<string | null>(null);
  useEffect(() => {
    if (!changedAt) return;
    const left = Date.parse(changedAt) + RECALL_POLICY.windowSeconds * 1000 - Date.now();
    const timer = setTimeout(() => setClosed(changedAt), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [changedAt]);
  return changedAt !== null && closed !== changedAt;
}
