"use client";
import type { AppRouter } from "@tabletap/api";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { createQueryClient } from "./query-client";
import { refreshLink } from "./refresh-link";

export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;
/** The typed tRPC client `ApiProvider` creates (`useTRPCClient()` returns it). */
export type ApiClient = TRPCClient<AppRouter>;

const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export { useTRPC, useTRPCClient };

const API_URL = "/api/trpc";

/**
 * Wraps an app in TanStack Query and the typed tRPC client for the same-origin API at
 * `/api/trpc`: subscriptions over SSE (`httpSubscriptionLink`), everything else batched over
 * HTTP, and expired sessions renewed transparently (`refreshLink`). Queries use `createQueryClient`
 * (`@tabletap/client/query-client`), the same defaults a server component prefetches with.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        refreshLink(API_URL),
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: API_URL }),
          false: httpBatchLink({ url: API_URL }),
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
