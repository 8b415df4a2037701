"use client";
import type { OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { errorCode } from "@tabletap/client/errors";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef } from "react";

/** The live stream as the header shows it. */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

/** Wait before reopening a stream that failed. */
const RETRY_MS = 5_000;

export interface TicketStreamOptions {
  /** Each ticket change (a new order or a status change), as the full `OrderView`. */
  onChange: (change: OrderView) => void;
  /** The stream (re)connected: refetch so nothing sent meanwhile is missed. */
  onConnected: () => void;
  /** Called when the API answers UNAUTHORIZED (then no retry). */
  onUnauthorized: () => void;
}

/**
 * The restaurant's live ticket changes over SSE (`kitchen.onTicket`), reopened 5 s after an
 * error. Returns the connection state: "connecting" until it first opens, then "live",
 * "reconnecting" (lost, the client reconnects) or "offline" (failed, retrying).
 */
export function useTicketStream({ onChange, onConnected, onUnauthorized }: TicketStreamOptions): ConnectionState {
  const trpc = useTRPC();
  const everLive = useRef(false);
  const subscription = useSubscription(
    trpc.kitchen.onTicket.subscriptionOptions(
      {},
      {
        onStarted: () => onConnected(),
        onData: (event) => onChange(event.data),
      },
    ),
  );
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
