"use client";
import type { AppRouter } from "@tabletap/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { refreshLink } from "./refresh-link";

export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;

const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export { useTRPC, useTRPCClient };

const API_URL = "/api/trpc";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Typed errors (bad input, not found, signed out) won't fix themselves on retry.
        retry: (failures, error) => failures < 2 && !["BAD_REQUEST", "NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN"].includes((error as { data?: { code?: string } }).data?.code ?? ""),
      },
    },
  });
}

/**
 * Wraps an app in TanStack Query and the typed tRPC client for the same-origin API at
 * `/api/trpc`: subscriptions over SSE (`httpSubscriptionLink`), everything else batched over
 * HTTP, and expired sessions renewed transparently (`refreshLink`).
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
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
