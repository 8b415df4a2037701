"use client";
import { useTRPC } from "@tabletap/client/guest";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";

/** How often the tab is polled while its live stream is down, or while the table has no open session yet, ms. */
const POLL_MS = 15_000;

/**
 * The table's tab, followed live: `tab.get` from the query cache (hydrated by the server page
 * when it could read it, else fetched here), kept current by the `tab.onUpdate` subscription
 * while the session is open (every guest's new round, payment and staff acknowledgement), with
 * polling as the fallback while the stream is down. With no open session yet the tab is polled,
 * so a round another guest places appears too. The stream ends once the session closes, with
 * the closed view (`finished`).
 */
export function useLiveTab(tableCode: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [liveFailed, setLiveFailed] = useState(false);
  const query = useQuery({
    ...trpc.tab.get.queryOptions({ tableCode }),
    refetchInterval: (q) => {
      const session = q.state.data?.session;
      if (session?.status === "closed") return false;
      return !session || liveFailed ? POLL_MS : false;
    },
  });
  const tab = query.data;
  const open = tab?.session?.status === "open";
  const finished = tab?.session?.status === "closed";

  const subscription = useSubscription(
    trpc.tab.onUpdate.subscriptionOptions(
      { tableCode },
      {
        enabled: open,
        onStarted: () => setLiveFailed(false),
        onData: (event) => queryClient.setQueryData(trpc.tab.get.queryKey({ tableCode }), event.data),
        onError: () => setLiveFailed(true),
      },
    ),
  );

  return { query, tab, finished, live: subscription.status, reconnect: () => subscription.reset() };
}
