"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import type { OrderExit } from "@tabletap/core/order-status";
import { useTRPC } from "@tabletap/client/staff";
import { errorCode, errorMessage } from "@tabletap/client/errors";
import { useMutation, useMutationState } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { moveVerb, ticketName, type Ticket } from "@/lib/tickets";
import { useFollowFocus } from "./use-follow-focus";

interface AdvanceVars {
  orderId: string;
  to: OrderStatus;
  reason?: string;
}

export interface TicketMovesOptions {
  board: readonly Ticket[];
  /** Applies the moved ticket (the API's answer) to the board. */
  applyChange: (change: OrderView) => void;
  /** Refetches the board (after a refused move: someone else moved it, or it is gone). */
  refresh: () => void;
  showNotice: (text: string) => void;
  /** Called when the API answers UNAUTHORIZED. */
  onUnauthorized: () => void;
  /** Called with each moved ticket (the API's answer), e.g. to offer undo of a Ready / Served. */
  onMoved?: (view: OrderView) => void;
}

/**
 * Moving tickets with `kitchen.advance` (the API enforces core's state machine). `advance`
 * takes the forward step, keeping keyboard focus on the ticket; `exit` rejects or cancels with
 * the guest's reason. A refused move shows a notice ("Couldn't start order #001 for T3: …") and
 * refetches the board. `pendingByTicket` maps a ticket id to where its move in flight is heading;
 * `focusId` is the ticket whose card should take focus.
 */
export function useTicketMoves({
  board,
  applyChange,
  refresh,
  showNotice,
  onUnauthorized,
  onMoved,
}: TicketMovesOptions) {
  const trpc = useTRPC();
  const { focusId, remember, moved } = useFollowFocus();
  const boardRef = useRef(board);
  useEffect(() => {
    boardRef.current = board;
  }, [board]);

  const { mutate } = useMutation(
    trpc.kitchen.advance.mutationOptions({
      onSuccess: (view) => {
        applyChange(view);
        moved(view.id);
        onMoved?.(view);
      },
      onError: (error, variables) => {
        if (errorCode(error) === "UNAUTHORIZED") return onUnauthorized();
        const ticket = boardRef.current.find((t) => t.id === variables.orderId);
        const what = ticket ? `${moveVerb(variables.to)} ${ticketName(ticket)}` : "update that ticket";
        showNotice(`Couldn't ${what}: ${errorMessage(error, "check the connection and try again.")}`);
        refresh();
      },
    }),
  );
  const pendingMoves = useMutationState({
    filters: { mutationKey: trpc.kitchen.advance.mutationKey(), status: "pending" },
    select: (mutation) => mutation.state.variables as AdvanceVars,
  });
  const pendingByTicket = useMemo(() => new Map(pendingMoves.map((move) => [move.orderId, move.to])), [pendingMoves]);

  const advance = useCallback(
    (ticket: OrderView, to: OrderStatus) => {
      remember(ticket.id);
      mutate({ orderId: ticket.id, to });
    },
    [mutate, remember],
  );
  const exit = useCallback(
    (ticket: OrderView, to: OrderExit, reason: string) => mutate({ orderId: ticket.id, to, reason }),
    [mutate],
  );

  return { advance, exit, pendingByTicket, focusId };
}
