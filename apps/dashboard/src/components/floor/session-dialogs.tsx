"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import type { FloorTableView } from "@tabletap/core/tab";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@tabletap/ui/select";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/** Refetch the floor and the open tab after a change to a session. */
function useRefreshFloor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.floor.tables.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.floor.tab.queryKey() });
  };
}

/**
 * "Move to table…": moves the open session (its orders, payments and requests) to a free table
 * (`floor.moveSession`), chosen from `targets`; refusals (the table was taken meanwhile) in words.
 */
export function MoveSessionDialog({
  open,
  onOpenChange,
  tableLabel,
  tableSessionId,
  targets,
  onMoved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tableLabel: string;
  tableSessionId: string;
  /** Free tables. */
  targets: readonly FloorTableView[];
  onMoved: (to: FloorTableView) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshFloor();
  const [toTableId, setToTableId] = useState("");
  const [missing, setMissing] = useState(false);
  // Reported from the mutation's own options: the live floor may drop this session (and unmount
  // this dialog) before the answer arrives.
  const move = useMutation(
    trpc.floor.moveSession.mutationOptions({
      onSuccess: (_tab, input) => {
        const to = targets.find((table) => table.tableId === input.toTableId);
        if (to) onMoved(to);
      },
      onSettled: refresh,
    }),
  );
  const close = (next: boolean) => {
    if (!next) {
      move.reset();
      setToTableId("");
      setMissing(false);
    }
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogTitle>Move table {tableLabel}</DialogTitle>
        <DialogDescription>
          The guests&apos; orders, payments and requests move with them; their QR code then opens the new table&apos;s
          bill.
        </DialogDescription>
        {targets.length === 0 ? (
          <p className="text-muted-foreground">No table is free right now.</p>
        ) : (
          <Field label="Move to" error={missing ? "Choose a table" : undefined}>
            <Select value={toTableId} onValueChange={setToTableId}>
              <SelectTrigger>
                <SelectValue placeholder="Choose a free table" />
              </SelectTrigger>
              <SelectContent>
                {targets.map((table) => (
                  <SelectItem key={table.tableId} value={table.tableId}>
                    {table.label} · {table.seats} seats
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
        )}
        {move.isError ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errorMessage(move.error, "Couldn't move the table. Check your connection and try again.")}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => close(false)}>
            Cancel
          </Button>
          <Button
            disabled={move.isPending || targets.length === 0}
            onClick={() => {
              const to = targets.find((table) => table.tableId === toTableId);
              if (!to) return setMissing(true);
              setMissing(false);
              move.mutate({ tableSessionId, toTableId: to.tableId });
            }}
          >
            {move.isPending ? "Moving…" : "Move"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** "Close session": confirms, then closes an empty session (`floor.closeSession`; refused once anything was ordered). */
export function CloseSessionDialog({
  open,
  onOpenChange,
  tableLabel,
  tableSessionId,
  onClosed,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tableLabel: string;
  tableSessionId: string;
  onClosed: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshFloor();
  const closeSession = useMutation(
    trpc.floor.closeSession.mutationOptions({ onSuccess: () => onClosed(), onSettled: refresh }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) closeSession.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogTitle>Close the session at table {tableLabel}?</DialogTitle>
        <DialogDescription>
          Nothing was ordered. The table becomes free; guests who scan its code start a new session.
        </DialogDescription>
        {closeSession.isError ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errorMessage(closeSession.error, "Couldn't close the session. Check your connection and try again.")}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Keep it open
          </Button>
          <Button
            variant="danger"
            disabled={closeSession.isPending}
            onClick={() => closeSession.mutate({ tableSessionId })}
          >
            {closeSession.isPending ? "Closing…" : "Close session"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
