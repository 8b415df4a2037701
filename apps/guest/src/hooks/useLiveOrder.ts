"use client";
import { isTerminalOrderStatus } from "@tabletap/core/order-status";
import { isStaleOrderView } from "@tabletap/core/views";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useLiveFallback } from "./useLiveFallback";

/**
 * One order, followed live: `order.get` from the query cache (hydrated by the server page when
 * it could read the order, else fetched here), kept current by the `order.onUpdate`
 * subscription until the order reaches a terminal status, and polled while the stream cannot
 * connect or has dropped (`useLiveFallback`), so the page never shows an old status as current.
 */
export function useLiveOrder(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.order.get.queryOptions({ orderId }));
  const order = query.data;
  const finished = !!order && isTerminalOrderStatus(order.status);

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
