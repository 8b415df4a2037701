"use client";
import { errorCode } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import type { FloorView } from "@tabletap/core/tab";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo } from "react";
import { useStreamConnection } from "./use-stream-connection";

/** Safety net besides the live stream: re-read the floor every minute. */
const REFETCH_MS = 60_000;

export interface FloorOptions {
  /** The floor as the server rendered it (undefined when that read failed or wasn't made: the query loads it). */
  initialFloor?: FloorView;
  /** When the server read `initialFloor` (ms since the epoch). */
  renderedAt?: number;
  /** Called when the API answers UNAUTHORIZED. */
  onUnauthorized: () => void;
}

/**
 * The restaurant's floor (`floor.tables`), kept live by `floor.onUpdate` (SSE; each event is the
 * whole `FloorView`, written into the query cache; open table tabs, `floor.tab`, are refetched
 * with it). Refetched when the stream (re)connects, every minute and on window focus.
 * Returns the query, the connection state, and when the data on screen was read (ms).
 */
export function useFloor({ initialFloor, renderedAt, onUnauthorized }: FloorOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const floorKey = useMemo(() => trpc.floor.tables.queryKey(), [trpc]);
  const query = useQuery(
    trpc.floor.tables.queryOptions(undefined, {
      initialData: initialFloor,
      initialDataUpdatedAt: renderedAt,
      refetchInterval: REFETCH_MS,
      refetchOnWindowFocus: true,
    }),
  );
  useEffect(() => {
    if (errorCode(query.error) === "UNAUTHORIZED") onUnauthorized();
  }, [query.error, onUnauthorized]);

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: floorKey }),
    [queryClient, floorKey],
  );
  const subscription = useSubscription(
    trpc.floor.onUpdate.subscriptionOptions(
      {},
      {
        onStarted: refresh,
        onData: (event) => {
          queryClient.setQueryData(floorKey, event.data);
          void queryClient.invalidateQueries({ queryKey: trpc.floor.tab.queryKey() });
        },
      },
    ),
  );
  const connection = useStreamConnection(subscription, onUnauthorized);
  return { query, connection, updatedAt: query.dataUpdatedAt, refresh };
}
