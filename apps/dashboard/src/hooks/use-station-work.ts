"use client";
import type { OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { errorCode, errorMessage } from "@tabletap/client/errors";
import { lineIdOf } from "@tabletap/core/stations";
import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ticketName } from "@/lib/tickets";

/** How long the "Undo" offer stays after a bump. */
const UNDO_MS = 10_000;

/** The last bump, offered for one-tap undo. */
export interface UndoOffer {
  id: number;
  /** "Bumped Dal Makhani · order #042 for T3". */
  text: string;
  undo: () => void;
}

export interface StationWorkOptions {
  /** The station the display shows (null: the expo view, every ticket). */
  station: string | null;
  /** Applies a changed ticket (the API's answer) to the board. */
  applyChange: (change: OrderView) => void;
  /** Refetches the board (after a refused change). */
  refresh: () => void;
  showNotice: (text: string) => void;
  /** Called when the API answers UNAUTHORIZED. */
  onUnauthorized: () => void;
}

/** `${orderId}:${lineIndex}` of a line whose bump is in flight. */
export const lineKey = (orderId: string, index: number) => `${orderId}:${index}`;

/**
 * Station work on the kitchen display: `bump(ticket, index)` marks a line done for the station
 * (`kitchen.bumpLine`), `recall(ticket)` takes back a ready or served ticket (`kitchen.recall`),
 * and after each bump (or a ticket marked ready or served: `offerUndo`) an `undo` offer for 10 s:
 * it reopens the line (`kitchen.reopenLine`), or recalls the ticket when that bump made it ready.
 * A refused change shows a notice and refetches the board; the recently-done list is refetched
 * after every change.
 */
export function useStationWork({ station, applyChange, refresh, showNotice, onUnauthorized }: StationWorkOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  useEffect(() => {
    if (!offer) return;
    const hide = setTimeout(() => setOffer((current) => (current?.id === offer.id ? null : current)), UNDO_MS);
    return () => clearTimeout(hide);
  }, [offer]);

  const settle = useCallback(
    (view: OrderView) => {
      applyChange(view);
      void queryClient.invalidateQueries({ queryKey: trpc.kitchen.recent.queryKey() });
    },
    [applyChange, queryClient, trpc],
  );
  const refused = useCallback(
    (what: string) => (error: unknown) => {
      if (errorCode(error) === "UNAUTHORIZED") return onUnauthorized();
      showNotice(`Couldn't ${what}: ${errorMessage(error, "check the connection and try again.")}`);
      refresh();
    },
    [onUnauthorized, showNotice, refresh],
  );

  const recallMutation = useMutation(trpc.kitchen.recall.mutationOptions());
  const reopenMutation = useMutation(trpc.kitchen.reopenLine.mutationOptions());
  const bumpMutation = useMutation(trpc.kitchen.bumpLine.mutationOptions());

  const recall = useCallback(
    (ticket: OrderView) => {
      setOffer(null);
      recallMutation.mutate(
        { orderId: ticket.id },
        { onSuccess: settle, onError: refused(`recall ${ticketName(ticket)}`) },
      );
    },
    [recallMutation, settle, refused],
  );

  /** Offers one-tap undo of a ticket just marked ready or served (from its Ready / Served button). */
  const offerUndo = useCallback(
    (view: OrderView) => {
      if (view.status !== "ready" && view.status !== "served") return;
      const verb = view.status === "ready" ? "Marked ready" : "Served";
      setOffer({ id: Date.now(), text: `${verb}: ${ticketName(view)}`, undo: () => recall(view) });
    },
    [recall],
  );

  const bump = useCallback(
    (ticket: OrderView, index: number) => {
      const line = ticket.lines[index];
      if (!line) return;
      const input = { orderId: ticket.id, lineId: lineIdOf(index), station: line.station };
      bumpMutation.mutate(input, {
        onSuccess: (view) => {
          settle(view);
          const undo =
            view.status === "ready"
              ? () => recall(view)
              : () => {
                  setOffer(null);
                  reopenMutation.mutate(input, {
                    onSuccess: settle,
                    onError: refused(`reopen ${line.name} on ${ticketName(ticket)}`),
                  });
                };
          setOffer({ id: Date.now(), text: `Bumped ${line.name}: ${ticketName(view)}`, undo });
        },
        onError: refused(`bump ${line.name} on ${ticketName(ticket)}`),
      });
    },
    [bumpMutation, reopenMutation, settle, refused, recall],
  );

  const pendingBumps = useMutationState({
    filters: { mutationKey: trpc.kitchen.bumpLine.mutationKey(), status: "pending" },
    select: (mutation) => mutation.state.variables as { orderId: string; lineId: string },
  });
  const pendingLines = useMemo(
    () => new Set(pendingBumps.map((v) => lineKey(v.orderId, Number(v.lineId)))),
    [pendingBumps],
  );
  const recalling = recallMutation.isPending ? recallMutation.variables?.orderId : undefined;

  return {
    station,
    bump,
    recall,
    recalling,
    pendingLines,
    offer,
    offerUndo,
    dismissOffer: useCallback(() => setOffer(null), []),
  };
}

export type StationWork = ReturnType<typeof useStationWork>;
