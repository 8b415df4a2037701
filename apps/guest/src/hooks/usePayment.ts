"use client";
import type { SplitInput, TipInput } from "@tabletap/core/bill";
import type { TabPaymentView } from "@tabletap/core/tab";
import { useTRPCClient } from "@tabletap/client/guest";
import { useCallback, useRef, useState } from "react";
import { loadCheckout } from "@/lib/checkout";
import { errorMessage } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/format";

/** Shown when Razorpay reports a declined payment (`payment.failed`). */
const DECLINED_MESSAGE = "Your card was declined — nothing was charged. Try again or pay at the counter.";

/** Where a payment attempt stands, as the pay sheet shows it. */
export type PaymentState =
  | { step: "idle" }
  | { step: "starting"; method: "online" | "counter" }
  | { step: "checkout" }
  | { step: "verifying" }
  | { step: "paid"; payment: TabPaymentView }
  | { step: "counter"; payment: TabPaymentView }
  | { step: "failed"; message: string };

/** What the guest chose to pay: the split, the tip, and a key of the choice (a new choice is a new attempt). */
export interface PaymentChoice {
  split: SplitInput;
  tip: TipInput;
}

/**
 * Paying part of the tab. `pay(choice, "online")`: `payment.start` creates the payment and its
 * Razorpay order, Razorpay Checkout (its script loaded once from `checkout.scriptUrl`) takes
 * the card, and `payment.verify` checks the signature it hands back, so the guest sees "Paid" at
 * once (the webhook settles the payment even if this page never returns). `pay(choice,
 * "counter")`: the payment waits for staff; the guest shows the amount at the counter.
 *
 * One idempotency key per attempt, as the order flow does: a double tap, a retry after a dropped
 * connection, or "Pay online" again after closing Checkout gets the same payment (and Razorpay
 * order) back. A different choice, a declined card or a refusal starts a new attempt. Every
 * refusal is shown in the server's words.
 */
export function usePayment(tableCode: string) {
  const client = useTRPCClient();
  const [state, setState] = useState<PaymentState>({ step: "idle" });
  const attempt = useRef<{ key: string; of: string } | null>(null);
  const busy = useRef(false);

  const keyFor = (of: string): string => {
    if (attempt.current?.of !== of) attempt.current = { key: newIdempotencyKey(), of };
    return attempt.current.key;
  };
  const newAttempt = () => (attempt.current = null);

  const pay = useCallback(
    async (choice: PaymentChoice, method: "online" | "counter") => {
      if (busy.current) return;
      busy.current = true;
      setState({ step: "starting", method });
      try {
        const idempotencyKey = keyFor(JSON.stringify([choice, method]));
        const started = await client.payment.start.mutate({ tableCode, idempotencyKey, method, ...choice });
        if (method === "counter" || !started.checkout) {
          newAttempt();
          setState({ step: "counter", payment: started.payment });
          return;
        }
        const { checkout } = started;
        const Razorpay = await loadCheckout(checkout.scriptUrl);
        let declined = false;
        const razorpay = new Razorpay({
          key: checkout.keyId,
          order_id: checkout.razorpayOrderId,
          amount: checkout.amount,
          currency: checkout.currency,
          name: checkout.name,
          prefill: checkout.prefill,
          handler: (response) => {
            setState({ step: "verifying" });
            newAttempt();
            client.payment.verify
              .mutate({
                paymentId: started.payment.id,
                razorpayOrderId: response.razorpay_order_id,
                razorpayPaymentId: response.razorpay_payment_id,
                razorpaySignature: response.razorpay_signature,
              })
              .then((verified) => setState({ step: "paid", payment: verified }))
              .catch((caught: unknown) => setState({ step: "failed", message: errorMessage(caught) }));
          },
          modal: {
            // Closed without paying: nothing was charged; "Pay online" again reopens the same order.
            ondismiss: () => {
              if (!declined) setState({ step: "idle" });
            },
          },
        });
        razorpay.on("payment.failed", () => {
          // Our sheet says so and offers both ways to pay again; Checkout steps aside.
          declined = true;
          razorpay.close?.();
          newAttempt();
          setState({ step: "failed", message: DECLINED_MESSAGE });
        });
        setState({ step: "checkout" });
        razorpay.open();
      } catch (caught) {
        newAttempt();
        setState({
          step: "failed",
          message:
            caught instanceof Error && caught.message.startsWith("Razorpay Checkout")
              ? "We couldn't open the payment page. Check your connection and try again, or pay at the counter."
              : errorMessage(caught),
        });
      } finally {
        busy.current = false;
      }
    },
    [client, tableCode],
  );

  const reset = useCallback(() => setState({ step: "idle" }), []);

  return { state, pay, reset };
}
