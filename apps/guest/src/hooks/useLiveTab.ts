"use client";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { LIVE_FALLBACK_POLICY, useLiveFallback } from "./useLiveFallback";

/**
 * The table's tab, followed live: `tab.get` from the query cache (hydrated by the server page
 * when it could read it, else fetched here), kept current by the `tab.onUpdate` subscription
 * while the session is open (every guest's new round, payment and staff acknowledgement), and
 * polled while the stream cannot connect or has dropped (`useLiveFallback`). With no open
 * session yet the tab is polled, so a round another guest places appears too. The stream ends
 * once the session closes, with the closed view (`finished`).
 */
export function useLiveTab(tableCode: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.tab.get.queryOptions({ tableCode }),
    // No session yet: nothing streams; a round another guest places shows within the staleness limit.
    refetchInterval: (q) => (q.state.data?.session ? false : LIVE_FALLBACK_POLICY.staleAfterMs),
  });
  const tab = query.data;
  const open = tab?.session?.status === "open";
  const finished = tab?.session?.status === "closed";

  const subscription = useSubscription(
    trpc.tab.onUpdate.subscriptionOptions(
      { tableCode },
      {
        enabled: open,
        onData: (event) => queryClient.setQueryData(trpc.tab.get.queryKey({ tableCode }), event.data),
      },
    ),
  );
  const live = useLiveFallback({
    status: subscription.status,
    active: open,
    dataUpdatedAt: query.dataUpdatedAt,
    refetch: query.refetch,
  });

  return { query, tab, finished, live, reconnect: () => subscription.reset() };
}
