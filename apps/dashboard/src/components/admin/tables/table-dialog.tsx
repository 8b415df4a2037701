"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { saveTableInput, TABLE_LABEL_MAX_LENGTH, TABLE_SEATS, type AdminTableView } from "@tabletap/core/tables-admin";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AuditTrail } from "../audit-trail";

/**
 * Adds a table (`table` null) or edits one: label and seats, validated with the API's own
 * schema (`saveTableInput`) before sending, then the server's refusals (a duplicate label)
 * beside their field. Editing shows the table's History. Calls `onSaved` with the saved table.
 */
export function TableDialog({
  table,
  open,
  onOpenChange,
  onSaved,
}: {
  table: AdminTableView | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (table: AdminTableView) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="w-[min(100%-2rem,36rem)]">
        <DialogTitle>{table ? `Edit table ${table.label}` : "Add a table"}</DialogTitle>
        <DialogDescription>
          {table
            ? "Rename it or change its seats. Its QR code stays the same."
            : "The new table gets its own QR code; print it from the table's row or the QR sheet."}
        </DialogDescription>
        {/* Mounted per opening, so the form starts from the table each time. */}
        {open ? <TableForm table={table} onSaved={onSaved} onCancel={() => onOpenChange(false)} /> : null}
        {table ? (
          <section aria-labelledby="table-history" className="border-border grid gap-2 border-t pt-4">
            <h3 id="table-history" className="text-sm font-bold">
              History
            </h3>
            <AuditTrail entity="table" entityId={table.id} />
          </section>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function TableForm({
  table,
  onSaved,
  onCancel,
}: {
  table: AdminTableView | null;
  onSaved: (table: AdminTableView) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(table?.label ?? "");
  const [seats, setSeats] = useState(String(table?.seats ?? 4));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.admin.tables.save.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.admin.tables.list.queryKey() });
        onSaved(saved);
      },
      onError: (error) => setErrors(fieldErrors(error)),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = saveTableInput.safeParse({
      ...(table ? { id: table.id } : {}),
      label,
      seats: seats.trim() === "" ? Number.NaN : Number(seats),
    });
    if (!parsed.success) {
      setErrors(issueMessages(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const otherError = save.isError && Object.keys(fieldErrors(save.error)).length === 0;
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <div className="grid items-start gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label="Label" description="Printed on the QR card, e.g. T12 or Patio 3." error={errors.label}>
          <Input
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            maxLength={TABLE_LABEL_MAX_LENGTH + 10}
            autoComplete="off"
            autoFocus
          />
        </Field>
        <Field label="Seats" description={`${TABLE_SEATS.min}–${TABLE_SEATS.max}`} error={errors.seats}>
          <Input
            type="number"
            inputMode="numeric"
            min={TABLE_SEATS.min}
            max={TABLE_SEATS.max}
            step={1}
            value={seats}
            onChange={(event) => setSeats(event.target.value)}
          />
        </Field>
      </div>
      {otherError ? (
        <p role="alert" className="text-danger text-sm font-semibold">
          {errorMessage(save.error, "Couldn't save the table. Check your connection and try again.")}
        </p>
      ) : null}
      <DialogFooter>
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : table ? "Save changes" : "Add table"}
        </Button>
      </DialogFooter>
    </form>
  );
}
