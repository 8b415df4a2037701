"use client";
import { isTerminalOrderStatus } from "@tabletap/core/order-status";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";

/** How often the order is polled while its live stream is down, ms. */
const POLL_MS = 15_000;

/**
 * One order, followed live: `order.get` from the query cache (hydrated by the server page when
 * it could read the order, else fetched here), kept current by the `order.onUpdate`
 * subscription until the order reaches a terminal status, with polling as the fallback while
 * the stream is down.
 */
export function useLiveOrder(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [liveFailed, setLiveFailed] = useState(false);
  const query = useQuery({
    ...trpc.order.get.queryOptions({ orderId }),
    refetchInterval: (q) =>
      liveFailed && q.state.data && !isTerminalOrderStatus(q.state.data.status) ? POLL_MS : false,
  });
  const order = query.data;
  const finished = !!order && isTerminalOrderStatus(order.status);

  const subscription = useSubscription(
    trpc.order.onUpdate.subscriptionOptions(
      { orderId },
      {
        enabled: !!order && !finished,
        onData: (event) => queryClient.setQueryData(trpc.order.get.queryKey({ orderId }), event.data),
      },
    ),
  );
  useEffect(() => setLiveFailed(subscription.status === "error"), [subscription.status]);

  return { query, order, finished, live: subscription.status, reconnect: () => subscription.reset() };
}
