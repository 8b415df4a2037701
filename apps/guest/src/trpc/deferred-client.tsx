"use client";
import type { ApiClient } from "@tabletap/client/guest";
import { useCallback, useEffect, useRef, useState, type ComponentType } from "react";

/** Resolves to the API client, waiting for it to load if needed. */
export type GetClient = () => Promise<ApiClient>;

type Bridge = ComponentType<{ onReady: (client: ApiClient) => void }>;

/**
 * The table page's way to the API (see `./server` for how each route gets its data): the shared
 * API client, loaded after the page has hydrated instead of with it: the table page's
 * first paint and interactions (browsing the menu, filling the cart) need no API, and the
 * client's libraries (TanStack Query, tRPC) would otherwise put the page over its first-load
 * budget. The import starts on mount, so it is ready long before the guest submits anything;
 * `getClient()` waits for it, and retries the import if it failed (e.g. the network dropped).
 *
 * Render the returned `bridge` element anywhere in the tree.
 */
export function useDeferredClient() {
  const [Bridge, setBridge] = useState<Bridge | null>(null);
  const clientRef = useRef<ApiClient | null>(null);
  const waiters = useRef<{ resolve: (c: ApiClient) => void; reject: (e: unknown) => void }[]>([]);
  const loading = useRef<Promise<void> | null>(null);

  const load = useCallback(() => {
    loading.current ??= import("./client-bridge")
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

  const onReady = useCallback((client: ApiClient) => {
    clientRef.current = client;
    for (const waiter of waiters.current.splice(0)) waiter.resolve(client);
  }, []);

  const getClient = useCallback<GetClient>(() => {
    if (clientRef.current) return Promise.resolve(clientRef.current);
    return new Promise<ApiClient>((resolve, reject) => {
      waiters.current.push({ resolve, reject });
      void load();
    });
  }, [load]);

  return { getClient, bridge: Bridge ? <Bridge onReady={onReady} /> : null };
}
