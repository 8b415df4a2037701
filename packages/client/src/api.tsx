import { API_LIMITS } from "@tabletap/core/api-limits";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { createQueryClient } from "./query-client";
import { refreshLink } from "./refresh-link";

const API_URL = "/api/trpc";

/**
 * The typed API of one app, whose `/api/trpc` serves `TRouter` (`GuestRouter` or `StaffRouter`
 * of @tabletap/api; see `./guest` and `./staff`): `ApiProvider` and the hooks reading it.
 *
 * `ApiProvider` wraps the app in TanStack Query and the typed tRPC client for the same-origin API:
 * subscriptions over SSE (`httpSubscriptionLink`), everything else batched over HTTP, at most
 * `API_LIMITS.maxBatchSize` calls per request (the server refuses more), and expired sessions
 * renewed transparently (`refreshLink`). Queries use `createQueryClient`
 * (`@tabletap/client/query-client`), the same defaults a server component prefetches with.
 */
export function createApi<TRouter extends AnyTRPCRouter>() {
  const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<TRouter>();

  function ApiProvider({ children }: { children: ReactNode }) {
    const [queryClient] = useState(createQueryClient);
    const [trpcClient] = useState(() =>
      createTRPCClient<TRouter>({
        links: [
          refreshLink<TRouter>(API_URL),
          // The transport links depend only on the routers' shared config (no transformer), not on TRouter.
          splitLink<TRouter>({
            condition: (op) => op.type === "subscription",
            true: httpSubscriptionLink<AnyTRPCRouter, typeof EventSource>({ url: API_URL }),
            false: httpBatchLink<AnyTRPCRouter>({ url: API_URL, maxItems: API_LIMITS.maxBatchSize }),
          }),
        ],
      }),
    );
    return (
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    );
  }

  return { ApiProvider, useTRPC, useTRPCClient };
}
