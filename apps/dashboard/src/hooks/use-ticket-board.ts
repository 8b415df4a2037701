"use client";
import type { KitchenBoardView, OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { errorCode } from "@tabletap/client/errors";
import { isActiveOrderStatus } from "@tabletap/core/order-status";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { applyTicketChange } from "@/lib/tickets";

/** Safety net besides the live stream: re-read the board every minute (also keeps the session fresh). */
const REFETCH_MS = 60_000;

export interface TicketBoardOptions {
  /** The board as the server rendered it (undefined when that read failed: the query retries). */
  initialBoard: KitchenBoardView | undefined;
  /** When the server read `initialBoard` (ms since the epoch). */
  renderedAt: number;
  /** Called when the API answers UNAUTHORIZED. */
  onUnauthorized: () => void;
}

/**
 * The active tickets of the restaurant (`kitchen.tickets`): the query cache is the board, and
 * live events and move answers are applied to it with `applyChange`. Refetched every minute and
 * on window focus; `refresh` refetches now. `board` leaves out tickets that left the board
 * (served, cancelled, rejected) even when a refetch that started before the change returns them.
 * `hidden` counts the older tickets the API left out (more than it lists at once); while there
 * are any, a ticket leaving the board refetches it, so the next one comes in.
 */
export function useTicketBoard({ initialBoard, renderedAt, onUnauthorized }: TicketBoardOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticketsKey = useMemo(() => trpc.kitchen.tickets.queryKey(), [trpc]);

  const query = useQuery(
    trpc.kitchen.tickets.queryOptions(undefined, {
      initialData: initialBoard,
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
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ticketsKey }),
    [queryClient, ticketsKey],
  );
  const applyChange = useCallback(
    (change: OrderView) => {
      const leaving = !isActiveOrderStatus(change.status);
      if (leaving) {
        gone.current.set(change.id, Date.parse(change.updatedAt));
        if (gone.current.size > 1000) gone.current.delete(gone.current.keys().next().value!);
      }
      const old = queryClient.getQueryData(ticketsKey);
      if (!old) return;
      const tickets = applyTicketChange(old.tickets, change);
      if (tickets === old.tickets) return;
      queryClient.setQueryData(ticketsKey, { ...old, tickets });
      if (leaving && old.hidden.count > 0) refresh();
    },
    [queryClient, ticketsKey, refresh],
  );
  const board = useMemo(
    () =>
      (query.data?.tickets ?? []).filter(
        (ticket) => !((gone.current.get(ticket.id) ?? -Infinity) >= Date.parse(ticket.updatedAt)),
      ),
    [query.data],
  );

  return { query, board, hidden: query.data?.hidden, applyChange, refresh };
}
