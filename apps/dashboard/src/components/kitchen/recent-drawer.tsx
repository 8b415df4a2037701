"use client";
import type { OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client/staff";
import { errorMessage } from "@tabletap/client/errors";
import { RECALL_POLICY } from "@tabletap/core/order-status";
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@tabletap/ui/sheet";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNow } from "@/hooks/use-clock";
import { describeAge, ticketName } from "@/lib/tickets";

export interface RecentDrawerProps {
  serverNow: number;
  /** The order id whose recall is in flight, if any. */
  recalling: string | undefined;
  onRecall: (ticket: OrderView) => void;
}

/** While the drawer is open, its list is re-read this often (ms), besides after every change. */
const REFETCH_MS = 30_000;

/**
 * The "Recently done" drawer: the restaurant's tickets bumped (ready) or served in the last 10
 * minutes (`kitchen.recent`), most recent first, each with a Recall button that takes it back
 * one step (ready → preparing, served → ready).
 */
export function RecentDrawer({ serverNow, recalling, onRecall }: RecentDrawerProps) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const recent = useQuery(trpc.kitchen.recent.queryOptions(undefined, { enabled: open, refetchInterval: REFETCH_MS }));
  const now = useNow(serverNow);
  const minutes = RECALL_POLICY.windowSeconds / 60;
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <button type="button" className="btn btn-ghost btn-sm bg-surface fixed right-4 bottom-4 z-40 shadow-lg">
          Recently done
        </button>
      </SheetTrigger>
      <SheetContent side="right" className="gap-3 p-5">
        <div className="flex items-center justify-between gap-3">
          <SheetTitle className="text-lg font-bold">Recently done</SheetTitle>
          <SheetClose asChild>
            <button type="button" className="btn btn-ghost btn-sm">
              Close
            </button>
          </SheetClose>
        </div>
        <SheetDescription className="text-muted-foreground text-sm">
          Tickets bumped or served in the last {minutes} minutes. Recall one to bring it back a step.
        </SheetDescription>
        {recent.data === undefined ? (
          recent.isError ? (
            <p role="alert" className="text-danger text-sm">
              {errorMessage(recent.error, "Couldn't load the recent tickets.")}
            </p>
          ) : (
            <p className="text-muted-foreground text-sm">Loading…</p>
          )
        ) : recent.data.tickets.length === 0 ? (
          <p className="text-muted-foreground text-sm">Nothing bumped or served in the last {minutes} minutes.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Recently done tickets">
            {recent.data.tickets.map((ticket) => {
              const doneAt = ticket.statusHistory.at(-1)?.at ?? ticket.updatedAt;
              return (
                <li
                  key={ticket.id}
                  className="border-border bg-card flex items-center justify-between gap-3 rounded-md border p-3"
                >
                  <div className="min-w-0">
                    <p className="font-bold">
                      {ticket.tableLabel} · {ticket.number}
                    </p>
                    <p className="text-muted-foreground text-sm">
                      {ticket.status === "served" ? "Served" : "Ready"} {describeAge(now - Date.parse(doneAt))} ago ·{" "}
                      {ticket.lines.map((line) => `${line.quantity}× ${line.name}`).join(", ")}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm shrink-0"
                    aria-label={`Recall ${ticketName(ticket)}`}
                    disabled={recalling === ticket.id}
                    onClick={() => onRecall(ticket)}
                  >
                    {recalling === ticket.id ? "Recalling…" : "Recall"}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </SheetContent>
    </Sheet>
  );
}
