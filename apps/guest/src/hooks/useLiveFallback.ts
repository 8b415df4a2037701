"use client";
import { useEffect, useRef, useState } from "react";

/** The live stream's state, as `useSubscription` reports it. */
export type LiveStatus = "idle" | "connecting" | "pending" | "error";

/**
 * How a live page stays honest when its stream is down (issue 11, "never freezes silently"):
 * it polls every `pollMs`, and says how old what it shows is once that passes `staleAfterMs`.
 */
export const LIVE_FALLBACK_POLICY = {
  /** Polling interval while the stream is down, ms (at most 10 s, so a poll that works keeps the page under `staleAfterMs`). */
  pollMs: 5_000,
  /** Past this age the page says how old its state is, ms. */
  staleAfterMs: 15_000,
} as const;

/** What a live page shows about its freshness: the stream's state and when its data was last known current (epoch ms, 0 = never). */
export interface LiveState {
  status: LiveStatus;
  lastUpdateAt: number;
}

/**
 * The polling fallback of a live query: while `active` and the stream is not delivering
 * (`status` other than "pending"), `refetch` every `LIVE_FALLBACK_POLICY.pollMs`, at once when a
 * working stream drops. Returns the `LiveState` to show: while the stream is up the data is
 * current (every change arrives on it, the server pings every 10 s); once it is down, the last
 * moment it was known current is the later of the query's last successful update
 * (`dataUpdatedAt`, which stream events also set) and the moment the stream dropped.
 */
export function useLiveFallback({
  status,
  active,
  dataUpdatedAt,
  refetch,
}: {
  status: LiveStatus;
  active: boolean;
  dataUpdatedAt: number;
  refetch: () => unknown;
}): LiveState {
  const live = status === "pending";
  const [droppedAt, setDroppedAt] = useState(0);
  const refetchRef = useRef(refetch);
  const updatedRef = useRef(dataUpdatedAt);
  useEffect(() => {
    refetchRef.current = refetch;
    updatedRef.current = dataUpdatedAt;
  });

  useEffect(() => {
    if (live) return () => setDroppedAt(Date.now());
  }, [live]);

  useEffect(() => {
    if (live || !active) return;
    const poll = () => void refetchRef.current();
    // Data older than a poll interval (or a stream that just dropped): read the current state now.
    if (Date.now() - updatedRef.current >= LIVE_FALLBACK_POLICY.pollMs || droppedAt > 0) poll();
    const timer = window.setInterval(poll, LIVE_FALLBACK_POLICY.pollMs);
    return () => window.clearInterval(timer);
  }, [live, active, droppedAt]);

  return { status, lastUpdateAt: Math.max(dataUpdatedAt, droppedAt) };
}
