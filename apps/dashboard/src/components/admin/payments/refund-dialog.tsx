"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { formatMoney, moneyInputValue, parseMoneyInput } from "@tabletap/core/money";
import type { AdminPaymentView } from "@tabletap/core/payments-admin";
import { refundInput } from "@tabletap/core/tab";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AuditTrail } from "../audit-trail";
import { Textarea } from "../menu/form";

const WHEN = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short" });
const REFUND_STATUS_TEXT = { pending: "In progress", processed: "Refunded", failed: "Failed" } as const;

/**
 * A payment's refunds: the earlier ones, a form to refund (part of) it while anything is
 * refundable — amount in ₹ (prefilled with all that is refundable, checked against it) and a
 * reason, validated with core's `refundInput` — then `admin.payments.refund`; and its History.
 */
export function RefundDialog({
  payment,
  onClose,
  onRefunded,
}: {
  payment: AdminPaymentView | null;
  onClose: () => void;
  onRefunded: (message: string) => void;
}) {
  return (
    <Dialog open={payment !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="w-[min(100%-2rem,38rem)]">
        {payment ? (
          <>
            <DialogTitle>
              Refund {formatMoney(payment.total, payment.currency)} at table {payment.table}
            </DialogTitle>
            <DialogDescription>
              {payment.payer} ·{" "}
              {payment.method === "online"
                ? "paid online: the refund goes back through Razorpay"
                : "paid at the counter: hand the refund back the same way"}
              . Refundable: {formatMoney(payment.refundable, payment.currency)}.
            </DialogDescription>
            {payment.refunds.length > 0 ? (
              <ul className="grid gap-1 text-sm" aria-label="Refunds">
                {payment.refunds.map((refund) => (
                  <li key={refund.id} className="border-border flex flex-wrap gap-x-2 border-b pb-1">
                    <span className="font-semibold tabular-nums">{formatMoney(refund.amount, payment.currency)}</span>
                    <span className="text-muted-foreground">{WHEN.format(new Date(refund.at))}</span>
                    <span className="text-muted-foreground">· {REFUND_STATUS_TEXT[refund.status]}</span>
                    <span className="w-full">{refund.reason}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {payment.refundable > 0 ? (
              <RefundForm key={payment.id} payment={payment} onCancel={onClose} onRefunded={onRefunded} />
            ) : null}
            <section aria-labelledby="payment-history" className="border-border grid gap-2 border-t pt-4">
              <h3 id="payment-history" className="text-sm font-bold">
                History
              </h3>
              <AuditTrail entity="payment" entityId={payment.id} />
            </section>
          </>
        ) : (
          <DialogTitle>Refund</DialogTitle>
        )}
      </DialogContent>
    </Dialog>
  );
}

function RefundForm({
  payment,
  onCancel,
  onRefunded,
}: {
  payment: AdminPaymentView;
  onCancel: () => void;
  onRefunded: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState(moneyInputValue(payment.refundable));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refund = useMutation(
    trpc.admin.payments.refund.mutationOptions({
      onSuccess: async (_result, input) => {
        await queryClient.invalidateQueries({ queryKey: trpc.admin.payments.list.pathKey() });
        onRefunded(
          `Refund of ${formatMoney(input.amount, payment.currency)} for table ${payment.table} ${payment.method === "online" ? "sent to Razorpay" : "recorded"}.`,
        );
      },
      onError: (error) => setErrors(fieldErrors(error)),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = refundInput.safeParse({ paymentId: payment.id, amount: parseMoneyInput(amount), reason });
    const found = parsed.success ? {} : issueMessages(parsed.error);
    if (!found.amount && parseMoneyInput(amount) > payment.refundable)
      found.amount = `You can refund at most ${formatMoney(payment.refundable, payment.currency)}`;
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    refund.mutate(parsed.data);
  }

  const otherError = refund.isError && Object.keys(fieldErrors(refund.error)).length === 0;
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <Field
        label="Amount (₹)"
        description={`Up to ${formatMoney(payment.refundable, payment.currency)}`}
        error={errors.amount}
      >
        <Input
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <Field label="Reason" description="Shown on the guest's receipt and in the history." error={errors.reason}>
        <Textarea value={reason} maxLength={210} onChange={(event) => setReason(event.target.value)} />
      </Field>
      {otherError ? (
        <p role="alert" className="text-danger text-sm font-semibold">
          {errorMessage(refund.error, "Couldn't refund. Check your connection and try again.")}
        </p>
      ) : null}
      <DialogFooter>
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={refund.isPending}>
          {refund.isPending ? "Refunding…" : "Refund"}
        </Button>
      </DialogFooter>
    </form>
  );
}
