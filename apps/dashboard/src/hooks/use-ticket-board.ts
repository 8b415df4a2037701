"use client";
import type { OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { errorCode } from "@tabletap/client/errors";
import { isActiveOrderStatus } from "@tabletap/core/order-status";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { applyTicketChange, type Ticket } from "@/lib/tickets";

/** Safety net besides the live stream: re-read the board every minute (also keeps the session fresh). */
const REFETCH_MS = 60_000;

export interface TicketBoardOptions {
  /** The board as the server rendered it (undefined when that read failed: the query retries). */
  initialTickets: Ticket[] | undefined;
  /** When the server read `initialTickets` (ms since the epoch). */
  renderedAt: number;
  /** Called when the API answers UNAUTHORIZED. */
  onUnauthorized: () => void;
}

/**
 * The active tickets of the restaurant (`kitchen.tickets`): the query cache is the board, and
 * live events and move answers are applied to it with `applyChange`. Refetched every minute and
 * on window focus; `refresh` refetches now. `board` leaves out tickets that left the board
 * (served, cancelled, rejected) even when a refetch that started before the change returns them.
 */
export function useTicketBoard({ initialTickets, renderedAt, onUnauthorized }: TicketBoardOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticketsKey = useMemo(() => trpc.kitchen.tickets.queryKey(), [trpc]);

  const query = useQuery(
    trpc.kitchen.tickets.queryOptions(undefined, {
      initialData: initialTickets,
      initialDataUpdatedAt: renderedAt,
      refetchInterval: REFETCH_MS,
      refetchOnWindowFocus: true,
    }),
  );
  useEffect(() => {
    if (errorCode(query.error) === "UNAUTHORIZED") onUnauthorized();
  }, [query.error, onUnauthorized]);

  /** Tickets that left the board, with the time they did (a bounded memory). */
  const gone = useRef(new Map<string, number>());
  const applyChange = useCallback(
    (change: OrderView) => {
      if (!isActiveOrderStatus(change.status)) {
        gone.current.set(change.id, Date.parse(change.updatedAt));
        if (gone.current.size > 1000) gone.current.delete(gone.current.keys().next().value!);
      }
      queryClient.setQueryData(ticketsKey, (old) => (old ? applyTicketChange(old, change) : old));
    },
    [queryClient, ticketsKey],
  );
  const board = useMemo(
    () =>
      (query.data ?? []).filter(
        (ticket) => !((gone.current.get(ticket.id) ?? -Infinity) >= Date.parse(ticket.updatedAt)),
      ),
    [query.data],
  );
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ticketsKey }),
    [queryClient, ticketsKey],
  );

  return { query, board, applyChange, refresh };
}
