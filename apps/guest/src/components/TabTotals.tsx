import { billTotal } from "@tabletap/core/bill";
import { receiptPath } from "@tabletap/core/receipt";
import type { TabPaymentView, TabView } from "@tabletap/core/tab";
import { COUNTER_METHOD_LABELS } from "@tabletap/core/tab-vocabulary";
import { money, percent } from "@/lib/format";
import { personLabel } from "./TabRounds";

const PAYMENT_STATUS_LABELS: Partial<Record<TabPaymentView["status"], string>> = {
  created: "Paying online…",
  pending: "To pay at the counter",
  paid: "Paid",
};

/** What a payment covers: "Whole bill", "Part 1 of 2", "Chosen items", or staff's "Part of the bill". */
function paymentCovers(payment: TabPaymentView): string {
  switch (payment.kind) {
    case "full":
      return "Whole bill";
    case "equal":
      return `Part ${(payment.partIndex ?? 0) + 1} of ${payment.parts ?? 1}`;
    case "items":
      return "Chosen items";
    case "amount":
      return "Part of the bill";
  }
}

/** "Online", or the counter method staff recorded ("Cash", "Card", "UPI"), else "At the counter". */
function paymentMethod(payment: TabPaymentView): string {
  if (payment.method === "online") return "Online";
  return payment.counterMethod ? COUNTER_METHOD_LABELS[payment.counterMethod] : "At the counter";
}

/** The tab's figures from the server: subtotal, service charge, GST, total, what is paid, being paid and left. */
export function TabTotals({ tab }: { tab: TabView & { session: NonNullable<TabView["session"]> } }) {
  const { totals } = tab.session;
  const { currency } = tab;
  const pending = billTotal(totals.pending);
  return (
    <section className="card" aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="card__title">
        Bill
      </h2>
      <dl className="totals" aria-label="Table's bill">
        <div className="totals__row">
          <dt>Subtotal</dt>
          <dd>{money(totals.total.subtotal, currency)}</dd>
        </div>
        {totals.total.serviceCharge > 0 && (
          <div className="totals__row">
            <dt>Service charge ({percent(tab.serviceChargeBps)})</dt>
            <dd>{money(totals.total.serviceCharge, currency)}</dd>
          </div>
        )}
        <div className="totals__row">
          <dt>GST ({percent(tab.taxBps)})</dt>
          <dd>{money(totals.total.tax, currency)}</dd>
        </div>
        <div className="totals__row totals__row--strong">
          <dt>Total</dt>
          <dd>{money(billTotal(totals.total), currency)}</dd>
        </div>
        <div className="totals__row">
          <dt>Paid</dt>
          <dd>{money(billTotal(totals.paid), currency)}</dd>
        </div>
        {pending > 0 && (
          <div className="totals__row">
            <dt>Being paid</dt>
            <dd>{money(pending, currency)}</dd>
          </div>
        )}
        <div className="totals__row totals__row--total">
          <dt>Left to pay</dt>
          <dd data-testid="left-to-pay">{money(billTotal(totals.due), currency)}</dd>
        </div>
      </dl>
      {totals.tipsPaid > 0 && (
        <p className="fine-print">Tips paid: {money(totals.tipsPaid, currency)}, on top of the bill. Thank you!</p>
      )}
    </section>
  );
}

/**
 * The tab's payments (not the declined or lapsed ones): who, what it covers, how, the amount with
 * its tip, and where it stands; the viewer's own paid ones link to their receipt.
 */
export function TabPayments({ payments, currency }: { payments: TabPaymentView[]; currency: string }) {
  const shown = payments.filter((payment) => PAYMENT_STATUS_LABELS[payment.status]);
  if (shown.length === 0) return null;
  return (
    <section className="card" aria-labelledby="payments-heading">
      <h2 id="payments-heading" className="card__title">
        Payments
      </h2>
      <ul className="payments">
        {shown.map((payment) => (
          <li key={payment.id} className="payment">
            <div className="payment__main">
              <p className="payment__who">
                {personLabel(payment.payer)} · {paymentCovers(payment)}
              </p>
              <p className="muted payment__meta">
                {paymentMethod(payment)}
                {payment.tip > 0 && ` · includes ${money(payment.tip, currency)} tip`}
              </p>
            </div>
            <div className="payment__side">
              <span className="price">{money(payment.total, currency)}</span>
              <span className={`line-state line-state--${payment.status === "paid" ? "paid" : "pending"}`}>
                {PAYMENT_STATUS_LABELS[payment.status]}
              </span>
              {payment.receiptToken && (
                <a href={receiptPath(payment.receiptToken)} className="link-button payment__receipt">
                  View receipt
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
