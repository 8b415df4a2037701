"use client";
import type { OrderView } from "@tabletap/core";
import { EXIT_REASON_MAX_LENGTH, type OrderExit } from "@tabletap/core/order-status";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ticketName, type TicketAction } from "@/lib/tickets";

/** Reasons the kitchen gives most often; the guest sees the reason on their order page. */
const QUICK_REASONS = ["An item is 86'd (sold out)", "Kitchen is closing", "Too busy right now", "Table has left"];

const CONFIRM: Record<OrderExit, string> = { rejected: "Confirm rejection", cancelled: "Confirm cancellation" };

export interface StopDialogProps {
  ticket: OrderView;
  /** The ticket's exit as core allows it now (`exitActionOf`): reject while placed, else cancel. */
  action: TicketAction<OrderExit>;
  onClose: () => void;
  /** The exit confirmed, with the guest's reason (trimmed, at most EXIT_REASON_MAX_LENGTH characters). */
  onConfirm: (to: OrderExit, reason: string) => void;
}

/**
 * Asks why an order is being stopped, in a modal dialog: a new ("placed") order is rejected;
 * once accepted it can only be cancelled, and the dialog follows the ticket if the worker
 * accepts it while the dialog is open. Escape or "Keep order" closes it.
 */
export function StopDialog({ ticket, action, onClose, onConfirm }: StopDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const errorId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [openedAs] = useState(action.to);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) {
      setError("Give the guest a reason.");
      return;
    }
    onConfirm(action.to, trimmed.slice(0, EXIT_REASON_MAX_LENGTH));
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {action.label} {ticketName(ticket)}?
        </h2>
        {openedAs === "rejected" && action.to === "cancelled" ? (
          <p className="dialog-warning" role="status">
            The order was accepted meanwhile, so it can now only be cancelled.
          </p>
        ) : null}
        <p className="dialog-text">The guest sees this reason on their order. This can&apos;t be undone.</p>
        <div className="quick-reasons" role="group" aria-label="Common reasons">
          {QUICK_REASONS.map((quick) => (
            <button
              key={quick}
              type="button"
              className="chip"
              aria-pressed={reason === quick}
              onClick={() => {
                setReason(quick);
                setError(null);
              }}
            >
              {quick}
            </button>
          ))}
        </div>
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={EXIT_REASON_MAX_LENGTH}
            rows={3}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setError(null);
            }}
          />
          {error ? (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost btn-lg" onClick={onClose}>
            Keep order
          </button>
          <button type="submit" className="btn btn-danger btn-lg">
            {CONFIRM[action.to]}
          </button>
        </div>
      </form>
    </dialog>
  );
}
