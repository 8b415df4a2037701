import { guestRouter, type GuestRouter } from "@tabletap/api";
import { createServerContext } from "@tabletap/api/http";
import { createQueryClient } from "@tabletap/client/query-client";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";

/**
 * The guest app's data, server side: one module every page reads the API through, in the style of
 * create-t3-turbo (`apps/nextjs/src/trpc/server.tsx`). Server components call the API in-process
 * as the requesting guest (their cookies) through `trpc`, a `createTRPCOptionsProxy` over one
 * TanStack Query client per request (`getQueryClient`), so a page and its metadata share one
 * call per query.
 *
 * Two ways the browser gets the data, by route:
 * - `/orders/[orderId]` prefetches (`await getQueryClient().prefetchQuery(trpc.….queryOptions())`)
 *   and wraps its client components in `<HydrateClient>`; they read the hydrated cache through
 *   `useTRPC()` + `useQuery` (`ApiProvider` of `@tabletap/client`).
 * - `/t/[code]` fetches (`fetchQuery`) and passes the data as props: its first-load budget
 *   (150 kB of JS) leaves no room for TanStack Query and the tRPC client, which load after
 *   hydration instead (`useDeferredClient` in `./deferred-client`).
 *
 * Cookies a procedure sets are dropped here: session changes go through `/api/trpc`.
 */
const createRequestContext = cache(async () => createServerContext(await headers(), "guest"));

/** This request's query client (server defaults of `createQueryClient`: no retries). */
export const getQueryClient = cache(createQueryClient);

/** Query options of every procedure of the guest app (`GuestRouter`), answered in-process as the requesting guest. */
export const trpc = createTRPCOptionsProxy<GuestRouter>({
  router: guestRouter,
  ctx: createRequestContext,
  queryClient: getQueryClient,
});

/** Hands this request's successful queries to the client components below (TanStack `HydrationBoundary`). */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
