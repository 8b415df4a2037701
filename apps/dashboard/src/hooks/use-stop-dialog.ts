"use client";
import type { OrderView } from "@tabletap/core";
import { useCallback, useEffect, useState } from "react";
import { exitActionOf, ticketName, type Ticket, type TicketAction } from "@/lib/tickets";
import type { OrderExit } from "@tabletap/core/order-status";

export interface StopDialogOptions {
  board: readonly Ticket[];
  /** False until the board has loaded (nothing can be judged gone before). */
  loaded: boolean;
  showNotice: (text: string) => void;
}

/**
 * Which ticket the reject / cancel dialog is open for. The dialog follows the ticket as it
 * moves (placed → accepted turns Reject into Cancel) and closes with a notice when the ticket
 * left the board or can no longer be stopped (it became ready). `open` is null when no dialog shows.
 */
export function useStopDialog({ board, loaded, showNotice }: StopDialogOptions) {
  const [stopping, setStopping] = useState<string | null>(null);
  const openFor = useCallback((ticket: OrderView) => setStopping(ticket.id), []);
  const close = useCallback(() => setStopping(null), []);
  const ticket = stopping ? board.find((t) => t.id === stopping) : undefined;
  const action = ticket ? exitActionOf(ticket) : null;

  useEffect(() => {
    // The dialog's ticket moved on meanwhile (someone else served, cancelled or readied it).
    if (!stopping || !loaded) return;
    if (!ticket) {
      setStopping(null);
      showNotice("That ticket has already left the board.");
    } else if (!exitActionOf(ticket)) {
      setStopping(null);
      showNotice(`${capitalise(ticketName(ticket))} is ${ticket.status}, so it can no longer be cancelled.`);
    }
  }, [stopping, ticket, loaded, showNotice]);

  const open: { ticket: Ticket; action: TicketAction<OrderExit> } | null = ticket && action ? { ticket, action } : null;
  return { open, openFor, close };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
