"use client";
import type { AppRouter } from "@tabletap/client";
import type { TRPCClient } from "@trpc/client";
import { useCallback, useEffect, useRef, useState, type ComponentType } from "react";

/** The typed tRPC client of `@tabletap/client` (its links: batching, SSE, session refresh). */
export type GuestClient = TRPCClient<AppRouter>;

/** Resolves to the API client, waiting for it to load if needed. */
export type GetClient = () => Promise<GuestClient>;

type Bridge = ComponentType<{ onReady: (client: GuestClient) => void }>;

/**
 * The shared API client, loaded after the page has hydrated instead of with it: the table page's
 * first paint and interactions (browsing the menu, filling the cart) need no API, and the
 * client's libraries (TanStack Query, tRPC) would otherwise put the page over its first-load
 * budget. The import starts on mount, so it is ready long before the guest submits anything;
 * `getClient()` waits for it, and retries the import if it failed (e.g. the network dropped).
 *
 * Render the returned `bridge` element anywhere in the tree.
 */
export function useDeferredClient() {
  const [Bridge, setBridge] = useState<Bridge | null>(null);
  const clientRef = useRef<GuestClient | null>(null);
  const waiters = useRef<{ resolve: (c: GuestClient) => void; reject: (e: unknown) => void }[]>([]);
  const loading = useRef<Promise<void> | null>(null);

  const load = useCallback(() => {
    loading.current ??= import("@/components/ApiBridge")
      .then((module) => setBridge(() => module.default))
      .catch((error: unknown) => {
        loading.current = null;
        for (const waiter of waiters.current.splice(0)) waiter.reject(error);
      });
    return loading.current;
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const onReady = useCallback((client: GuestClient) => {
    clientRef.current = client;
    for (const waiter of waiters.current.splice(0)) waiter.resolve(client);
  }, []);

  const getClient = useCallback<GetClient>(() => {
    if (clientRef.current) return Promise.resolve(clientRef.current);
    return new Promise<GuestClient>((resolve, reject) => {
      waiters.current.push({ resolve, reject });
      void load();
    });
  }, [load]);

  return { getClient, bridge: Bridge ? <Bridge onReady={onReady} /> : null };
}
