"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import type { AdminTableView } from "@tabletap/core/tables-admin";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { useMutation, useQueryClient } from "@tanstack/react-query";

/** What a manager confirms on a table: taking it out of use, back into use, or replacing its QR code. */
export type TableAction = "deactivate" | "reactivate" | "regenerate";

const COPY: Record<
  TableAction,
  { title: (label: string) => string; body: string; confirm: string; done: (label: string) => string }
> = {
  deactivate: {
    title: (label) => `Deactivate table ${label}?`,
    body: "Guests scanning its QR code will see that the code isn't valid and can't order. You can reactivate it later; the printed code then works again.",
    confirm: "Deactivate",
    done: (label) => `Table ${label} deactivated.`,
  },
  reactivate: {
    title: (label) => `Reactivate table ${label}?`,
    body: "Guests can scan its QR code and order again.",
    confirm: "Reactivate",
    done: (label) => `Table ${label} is active again.`,
  },
  regenerate: {
    title: (label) => `New QR code for table ${label}?`,
    body: "The printed QR code of this table stops working at once: guests who scan it see that the code isn't valid. Print and place the new code before guests sit down.",
    confirm: "Make a new code",
    done: (label) => `Table ${label} has a new QR code. Download or print it now.`,
  },
};

/** The confirmation of a `TableAction` on `action.table`; on success refetches the list and calls `onDone` with a message. */
export function ConfirmTableAction({
  action,
  onClose,
  onDone,
}: {
  action: { kind: TableAction; table: AdminTableView } | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.admin.tables.list.queryKey() });
    if (action) onDone(COPY[action.kind].done(action.table.label));
  };
  const save = useMutation(trpc.admin.tables.save.mutationOptions({ onSuccess }));
  const regenerate = useMutation(trpc.admin.tables.regenerateCode.mutationOptions({ onSuccess }));
  const mutation = action?.kind === "regenerate" ? regenerate : save;

  function confirm() {
    if (!action) return;
    const { table } = action;
    if (action.kind === "regenerate") regenerate.mutate({ tableId: table.id });
    else save.mutate({ id: table.id, label: table.label, seats: table.seats, active: action.kind === "reactivate" });
  }

  const copy = action ? COPY[action.kind] : null;
  return (
    <Dialog
      open={action !== null}
      onOpenChange={(open) => {
        if (!open) {
          save.reset();
          regenerate.reset();
          onClose();
        }
      }}
    >
      <DialogContent>
        <DialogTitle>{copy && action ? copy.title(action.table.label) : ""}</DialogTitle>
        <DialogDescription>{copy?.body}</DialogDescription>
        {mutation.isError ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errorMessage(mutation.error, "Couldn't save. Check your connection and try again.")}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant={action?.kind === "reactivate" ? "primary" : "danger"}
            disabled={mutation.isPending}
            onClick={confirm}
          >
            {mutation.isPending ? "Saving…" : copy?.confirm}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
