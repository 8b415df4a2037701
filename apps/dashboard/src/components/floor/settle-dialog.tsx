"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { formatMoney, moneyInputValue, parseMoneyInput } from "@tabletap/core/money";
import { COUNTER_METHOD_LABELS, COUNTER_METHODS, floorSettleInput, type CounterMethod } from "@tabletap/core/tab";
import { Button } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

export interface SettleDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tableLabel: string;
  tableSessionId: string;
  /** What the counter should collect (paise): prefilled in the amount. */
  amountDue: number;
  currency: string;
  /** After the payment is recorded, with a sentence to show. */
  onDone: (message: string) => void;
}

/**
 * "Settle at counter": records a payment staff took at the counter (`floor.settle`): the amount
 * in ₹ (prefilled with what is due, pending counter payments included) and the method (Cash /
 * Card / UPI), checked with core's `floorSettleInput` before sending; the server's refusals (more
 * than is due, nothing due, a closed session) shown in words.
 */
export function SettleDialog({ open, onOpenChange, ...rest }: SettleDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>Settle table {rest.tableLabel} at the counter</DialogTitle>
        <DialogDescription>
          {formatMoney(rest.amountDue, rest.currency)} to collect. Record what the guest paid and how.
        </DialogDescription>
        {/* Mounted per opening, so the form starts from what is due now. */}
        {open ? <SettleForm {...rest} onCancel={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SettleForm({
  tableLabel,
  tableSessionId,
  amountDue,
  currency,
  onDone,
  onCancel,
}: Omit<SettleDialogProps, "open" | "onOpenChange"> & { onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState(amountDue > 0 ? moneyInputValue(amountDue) : "");
  const [method, setMethod] = useState<CounterMethod | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const settle = useMutation(
    trpc.floor.settle.mutationOptions({
      onSuccess: (_result, input) => {
        void queryClient.invalidateQueries({ queryKey: trpc.floor.tables.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.floor.tab.queryKey() });
        onDone(
          `Recorded ${formatMoney(input.amount, currency)} by ${COUNTER_METHOD_LABELS[input.method].toLowerCase()} for table ${tableLabel}.`,
        );
      },
      onError: (error) => setErrors(fieldErrors(error)),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = floorSettleInput.safeParse({
      tableSessionId,
      method: method ?? undefined,
      amount: parseMoneyInput(amount),
    });
    if (!parsed.success) {
      setErrors(issueMessages(parsed.error));
      return;
    }
    setErrors({});
    settle.mutate(parsed.data);
  }

  const otherError = settle.isError && Object.keys(fieldErrors(settle.error)).length === 0;
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <Field label="Amount (₹)" error={errors.amount}>
        <Input
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          className="text-xl font-bold tabular-nums"
        />
      </Field>
      <fieldset
        className="m-0 grid gap-1.5 border-0 p-0"
        aria-describedby={errors.method ? "settle-method-error" : undefined}
      >
        <legend className="mb-1.5 p-0 font-semibold">Method</legend>
        <div className="grid grid-cols-3 gap-2">
          {COUNTER_METHODS.map((value) => (
            <label
              key={value}
              className={cn(
                "border-border-strong has-focus-visible:focus-ring relative flex min-h-13 cursor-pointer items-center justify-center gap-2 rounded-md border-2 px-3 text-lg font-bold",
                method === value ? "bg-primary text-primary-foreground border-primary" : "hover:bg-surface-muted",
              )}
            >
              <input
                type="radio"
                name="method"
                value={value}
                checked={method === value}
                onChange={() => setMethod(value)}
                className="absolute inset-0 m-0 cursor-pointer opacity-0"
              />
              {method === value ? <span aria-hidden="true">✓</span> : null}
              {COUNTER_METHOD_LABELS[value]}
            </label>
          ))}
        </div>
        {errors.method ? (
          <p id="settle-method-error" role="alert" className="text-danger text-sm font-semibold">
            {errors.method}
          </p>
        ) : null}
      </fieldset>
      {otherError ? (
        <p role="alert" className="text-danger text-sm font-semibold">
          {errorMessage(settle.error, "Couldn't record the payment. Check your connection and try again.")}
        </p>
      ) : null}
      <DialogFooter>
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="lg" disabled={settle.isPending}>
          {settle.isPending ? "Recording…" : "Record payment"}
        </Button>
      </DialogFooter>
    </form>
  );
}
