"use client";
import { errorCode } from "@tabletap/client/errors";
import { useEffect, useRef } from "react";

/** A live stream as the screens show it (the header's indicator). */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

/** Wait before reopening a stream that failed. */
const RETRY_MS = 5_000;

/** What `useSubscription` (@trpc/tanstack-react-query) returns, as far as the connection goes. */
export interface SubscriptionLike {
  status: "idle" | "connecting" | "pending" | "error";
  error: unknown;
  reset: () => void;
}

/**
 * The state of an SSE subscription: "connecting" until it first opens, then "live",
 * "reconnecting" (lost, the client reconnects) or "offline" (failed: reopened after 5 s).
 * Calls `onUnauthorized` (and does not retry) when the API answers UNAUTHORIZED.
 */
export function useStreamConnection(subscription: SubscriptionLike, onUnauthorized: () => void): ConnectionState {
  const everLive = useRef(false);
  if (subscription.status === "pending") everLive.current = true;
  const { status, error, reset } = subscription;
  useEffect(() => {
    if (status !== "error") return;
    if (errorCode(error) === "UNAUTHORIZED") return onUnauthorized();
    const retry = setTimeout(reset, RETRY_MS);
    return () => clearTimeout(retry);
  }, [status, error, reset, onUnauthorized]);
  return status === "pending"
    ? "live"
    : status === "error"
      ? "offline"
      : everLive.current
        ? "reconnecting"
        : "connecting";
}
