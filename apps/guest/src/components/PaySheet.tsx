"use client";
import { billTotal, SPLIT_POLICY, TIP_PERCENT_PRESETS, type SplitInput } from "@tabletap/core/bill";
import { receiptPath } from "@tabletap/core/receipt";
import type { TabSessionView } from "@tabletap/core/tab";
import { useId, useState } from "react";
import type { PaymentChoice, PaymentState } from "@/hooks/usePayment";
import { money } from "@/lib/format";
import { equalSplitOpen, previewShare, type TipChoice } from "@/lib/share";
import { FieldError, FormField } from "./FormField";
import { Sheet } from "./Sheet";
import { Stepper } from "./Stepper";

type SplitKind = SplitInput["kind"];

const NO_TIP: TipChoice = { kind: "percent", percent: 0 };

const SPLIT_LABELS: Record<SplitKind, string> = {
  full: "Whole bill",
  equal: "Split equally",
  items: "Choose items",
};

/** The first part of an equal split nobody holds yet (0 when none is running). */
function firstFreePart(session: TabSessionView): number {
  const running = session.equalSplit;
  if (!running) return 0;
  const free = Array.from({ length: running.parts }, (_, i) => i).find((i) => !running.partsTaken.includes(i));
  return free ?? 0;
}

/** The result of an attempt: paid online (with its receipt link), or the amount to show at the counter; "Done" closes the sheet. */
function PaymentResult({
  state,
  currency,
  onDone,
}: {
  state: Extract<PaymentState, { step: "paid" | "counter" }>;
  currency: string;
  onDone: () => void;
}) {
  const { payment } = state;
  return (
    <div className="pay-result" role="status">
      {state.step === "paid" ? (
        <>
          <p className="pay-result__title">Paid</p>
          <p className="pay-result__amount">{money(payment.total, currency)}</p>
          <p className="muted">
            Thank you!{payment.tip > 0 ? ` That includes a ${money(payment.tip, currency)} tip.` : ""} We&apos;ll text
            you a link to your GST receipt, and email it if you gave us your email.
          </p>
          {payment.receiptToken && (
            <a href={receiptPath(payment.receiptToken)} className="button button--secondary button--block">
              View receipt
            </a>
          )}
        </>
      ) : (
        <>
          <p className="pay-result__title">Show this at the counter: {money(payment.total, currency)}</p>
          <p className="muted">
            {payment.tip > 0 ? `That's your share and a ${money(payment.tip, currency)} tip. ` : ""}Staff will mark it
            paid when you pay by cash, card or UPI.
          </p>
        </>
      )}
      <button type="button" className="button button--primary button--block" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/**
 * The pay sheet: what to pay ("Whole bill", "Split equally" between 1–20 people with the part
 * that's yours, parts someone holds disabled, or "Choose items" among the lines nobody has paid),
 * a tip (none, 5 %, 10 % or an amount in rupees), the total with the tip as the server will
 * compute it (`previewShare`), and "Pay online" / "Pay at the counter". The attempt itself is
 * `usePayment`'s (`state`, `onPay`); the sheet keeps the guest's choice while it is closed for
 * Razorpay Checkout.
 */
export function PaySheet({
  open,
  session,
  currency,
  state,
  onPay,
  onDone,
  onClose,
}: {
  open: boolean;
  session: TabSessionView;
  currency: string;
  state: PaymentState;
  onPay: (choice: PaymentChoice, method: "online" | "counter") => void;
  /** The guest saw the result ("Done"). */
  onDone: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const running = session.equalSplit;
  const [kind, setKind] = useState<SplitKind>(running && equalSplitOpen(session) ? "equal" : "full");
  const [people, setPeople] = useState(running?.parts ?? 2);
  const [partIndex, setPartIndex] = useState(() => firstFreePart(session));
  const [lineIds, setLineIds] = useState<ReadonlySet<string>>(new Set());
  const [tip, setTip] = useState<TipChoice>(NO_TIP);
  const [tipText, setTipText] = useState("");

  const uncovered = session.rounds.flatMap((round) => round.lines.filter((line) => line.coveredBy === null));
  const uncoveredIds = new Set(uncovered.map((line) => line.lineId));
  const parts = running?.parts ?? people;
  const index = Math.min(partIndex, parts - 1);
  const split: SplitInput =
    kind === "full"
      ? { kind }
      : kind === "equal"
        ? { kind, parts, partIndex: index }
        : { kind, lineIds: [...lineIds].filter((lineId) => uncoveredIds.has(lineId)) };
  const preview = previewShare(session, split, tip.kind === "amount" ? { kind: "amount", text: tipText } : tip);
  const busy = state.step === "starting" || state.step === "verifying" || state.step === "checkout";
  const payable = !preview.splitError && !preview.tipError && preview.tipInput !== null && !busy;

  /** Part `part`'s share of the split, untipped (`previewShare`). */
  const partShare = (part: number) => previewShare(session, { kind: "equal", parts, partIndex: part }, NO_TIP).share;

  function pay(method: "online" | "counter") {
    if (!payable || preview.tipInput === null) return;
    onPay({ split, tip: preview.tipInput }, method);
  }

  function toggleLine(lineId: string, checked: boolean) {
    setLineIds((current) => {
      const next = new Set(current);
      if (checked) next.add(lineId);
      else next.delete(lineId);
      return next;
    });
  }

  const done = state.step === "paid" || state.step === "counter";
  const footer = done ? null : (
    <>
      {state.step === "failed" && (
        <p role="alert" className="alert alert--error">
          {state.message}
        </p>
      )}
      {preview.splitError && state.step !== "failed" && (
        <p role="status" className="alert alert--warning">
          {preview.splitError}
        </p>
      )}
      <p className="pay-due" aria-hidden="true">
        <span>
          You pay
          {preview.tip > 0 && <span className="muted"> · with {money(preview.tip, currency)} tip</span>}
        </span>
        <span className="pay-due__amount">{money(preview.total, currency)}</span>
      </p>
      <div className="pay-actions">
        <button
          type="button"
          className="button button--primary button--block button--large"
          disabled={!payable}
          aria-describedby={`${id}-total`}
          onClick={() => pay("online")}
        >
          {state.step === "starting" && state.method === "online"
            ? "Opening payment…"
            : state.step === "verifying"
              ? "Confirming payment…"
              : "Pay online"}
        </button>
        <button
          type="button"
          className="button button--secondary button--block"
          disabled={!payable}
          aria-describedby={`${id}-total`}
          onClick={() => pay("counter")}
        >
          {state.step === "starting" && state.method === "counter" ? "One moment…" : "Pay at the counter"}
        </button>
      </div>
    </>
  );

  return (
    <Sheet open={open} onClose={onClose} title="Pay" titleId={id} footer={footer}>
      {done ? (
        <PaymentResult state={state} currency={currency} onDone={onDone} />
      ) : (
        <>
          <fieldset className="choice-group">
            <legend className="choice-group__legend">
              <span className="choice-group__name">What are you paying?</span>
            </legend>
            {(Object.keys(SPLIT_LABELS) as SplitKind[]).map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name={`${id}-split`}
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                <span className="choice__name">{SPLIT_LABELS[option]}</span>
                {option === "full" && (
                  <span className="choice__price">{money(billTotal(session.totals.due), currency)}</span>
                )}
              </label>
            ))}
          </fieldset>

          {kind === "equal" && (
            <div className="pay-split">
              {running ? (
                <p className="muted">This bill is being split {running.parts} ways. Choose your part.</p>
              ) : (
                <div className="pay-people">
                  <span className="field__label" aria-hidden="true">
                    Number of people
                  </span>
                  <Stepper
                    value={people}
                    min={1}
                    max={SPLIT_POLICY.maxParts}
                    onChange={setPeople}
                    label="Number of people"
                  />
                </div>
              )}
              <fieldset className="choice-group">
                <legend className="choice-group__legend">
                  <span className="choice-group__name">Which part is yours?</span>
                </legend>
                {Array.from({ length: parts }, (_, part) => {
                  const taken = running?.partsTaken.includes(part) ?? false;
                  return (
                    <label key={part} className={`choice ${taken ? "choice--disabled" : ""}`}>
                      <input
                        type="radio"
                        name={`${id}-part`}
                        checked={index === part}
                        disabled={taken}
                        onChange={() => setPartIndex(part)}
                      />
                      <span className="choice__name">
                        Part {part + 1}
                        {taken && <span className="muted"> · taken</span>}
                      </span>
                      {!taken && <span className="choice__price">{money(partShare(part), currency)}</span>}
                    </label>
                  );
                })}
              </fieldset>
            </div>
          )}

          {kind === "items" && (
            <fieldset className="choice-group">
              <legend className="choice-group__legend">
                <span className="choice-group__name">Your items</span>
                <span className="choice-group__hint">Items someone has paid for aren&apos;t listed.</span>
              </legend>
              {uncovered.length === 0 && <p className="muted">Every item is paid for or being paid.</p>}
              {uncovered.map((line) => (
                <label key={line.lineId} className="choice">
                  <input
                    type="checkbox"
                    checked={lineIds.has(line.lineId)}
                    onChange={(event) => toggleLine(line.lineId, event.target.checked)}
                  />
                  <span className="choice__name">
                    {line.quantity} × {line.name}
                    {line.modifiers.length > 0 && (
                      <span className="muted"> · {line.modifiers.map((m) => m.name).join(", ")}</span>
                    )}
                  </span>
                  <span className="choice__price">{money(line.lineTotal, currency)}</span>
                </label>
              ))}
            </fieldset>
          )}

          <fieldset className="choice-group" aria-describedby={preview.tipError ? `${id}-tip-error` : undefined}>
            <legend className="choice-group__legend">
              <span className="choice-group__name">Add a tip?</span>
              <span className="choice-group__hint">Tips go to the staff and aren&apos;t taxed.</span>
            </legend>
            <div className="tip-options">
              {TIP_PERCENT_PRESETS.map((percent) => (
                <label key={percent} className="tip-option">
                  <input
                    type="radio"
                    name={`${id}-tip`}
                    checked={tip.kind === "percent" && tip.percent === percent}
                    onChange={() => setTip({ kind: "percent", percent })}
                  />
                  <span>{percent === 0 ? "No tip" : `${percent}%`}</span>
                </label>
              ))}
              <label className="tip-option">
                <input
                  type="radio"
                  name={`${id}-tip`}
                  checked={tip.kind === "amount"}
                  onChange={() => setTip({ kind: "amount", text: "" })}
                />
                <span>Other amount</span>
              </label>
            </div>
            {tip.kind === "amount" && (
              <FormField label="Tip amount (₹)" error={preview.tipError}>
                {(props) => (
                  <input
                    {...props}
                    className="input"
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder="e.g. 50"
                    value={tipText}
                    onChange={(event) => setTipText(event.target.value)}
                  />
                )}
              </FormField>
            )}
            {tip.kind === "percent" && preview.tipError && (
              <FieldError id={`${id}-tip-error`}>{preview.tipError}</FieldError>
            )}
          </fieldset>

          <dl className="totals" aria-label="Your payment">
            <div className="totals__row">
              <dt>Your share</dt>
              <dd>{money(preview.share, currency)}</dd>
            </div>
            <div className="totals__row">
              <dt>Tip</dt>
              <dd>{money(preview.tip, currency)}</dd>
            </div>
            <div className="totals__row totals__row--total" id={`${id}-total`}>
              <dt>You pay</dt>
              <dd>{money(preview.total, currency)}</dd>
            </div>
          </dl>
        </>
      )}
    </Sheet>
  );
}
