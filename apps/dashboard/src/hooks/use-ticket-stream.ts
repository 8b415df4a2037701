"use client";
import type { OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useStreamConnection, type ConnectionState } from "./use-stream-connection";

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
 * error. Returns the connection state (`useStreamConnection`).
 */
export function useTicketStream({ onChange, onConnected, onUnauthorized }: TicketStreamOptions): ConnectionState {
  const trpc = useTRPC();
  const subscription = useSubscription(
    trpc.kitchen.onTicket.subscriptionOptions(
      {},
      {
        onStarted: () => onConnected(),
        onData: (event) => onChange(event.data),
      },
    ),
  );
  return useStreamConnection(subscription, onUnauthorized);
}
