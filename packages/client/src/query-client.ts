import { isServer, QueryClient } from "@tanstack/react-query";

/** Error codes a retry can't fix: bad input, not found, signed out, not allowed. */
const FINAL_CODES = ["BAD_REQUEST", "NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN"];

/**
 * The TanStack Query client of the apps, the same in the browser (`ApiProvider`) and on the
 * server (a server component prefetching through `createTRPCOptionsProxy`, then dehydrating
 * into a `HydrationBoundary`), as create-t3-turbo does:
 * - data is fresh for 30 s, so a hydrated query is not fetched again on the client at once;
 * - in the browser a failed query is retried twice unless its tRPC code is final (FINAL_CODES);
 *   on the server never (the API is called in-process: a retry would only delay the page);
 * - only successful queries are dehydrated (TanStack's default): a query the server could not
 *   answer (e.g. an expired access cookie) is fetched again by the browser, whose client renews
 *   the session.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          !isServer && failures < 2 && !FINAL_CODES.includes((error as { data?: { code?: string } }).data?.code ?? ""),
      },
    },
  });
}
