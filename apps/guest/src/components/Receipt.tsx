import {
  formatDateTimeIn,
  receiptFigures,
  receiptMethodLabel,
  receiptSplitLabel,
  receiptTitle,
  REFUND_STATUS_NOTES,
  type ReceiptView,
} from "@tabletap/core";
import { money } from "@/lib/format";

/**
 * A GST receipt (tax invoice): the restaurant with its address and GSTIN, the receipt's details,
 * the lines it paid for, subtotal, service charge, CGST and SGST, the bill total, the tip apart,
 * the amount paid, and any refunds with their reasons. Times in the restaurant's time zone.
 * A server component: plain markup that prints on one page.
 */
export function Receipt({ receipt }: { receipt: ReceiptView }) {
  const at = (iso: string) => formatDateTimeIn(iso, receipt.timeZone);
  const details: [string, string][] = [
    ["Receipt no.", receipt.number],
    ["Paid", at(receipt.paidAt)],
    ["Table", receipt.table],
    ...(receipt.payer ? ([["Billed to", receipt.payer]] as [string, string][]) : []),
    ["For", receiptSplitLabel(receipt)],
    ["Payment", receiptMethodLabel(receipt)],
  ];
  return (
    <article className="card print:border-0 print:shadow-none" aria-labelledby="receipt-title">
      <header className="mb-4">
        <h1 id="receipt-title" className="card__title text-xl">
          {receiptTitle(receipt)}
        </h1>
        <p className="font-semibold">{receipt.restaurant.name}</p>
        {receipt.restaurant.address && <p className="muted">{receipt.restaurant.address}</p>}
        {receipt.restaurant.gstin && <p className="muted">GSTIN: {receipt.restaurant.gstin}</p>}
      </header>

      <dl className="totals mb-4" aria-label="Receipt details">
        {details.map(([name, value]) => (
          <div key={name} className="totals__row">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      {receipt.lines.length > 0 && (
        <ul className="order-lines" aria-label="Items paid for">
          {receipt.lines.map((line, index) => (
            <li key={`${line.name}-${index}`} className="order-line">
              <span className="order-line__qty">{line.quantity} ×</span>
              <div className="order-line__main">
                <p className="order-line__name">{line.name}</p>
              </div>
              <span className="order-line__total price">{money(line.lineTotal, receipt.currency)}</span>
            </li>
          ))}
        </ul>
      )}

      <dl className="totals" aria-label="Amounts">
        {receiptFigures(receipt).map((figure) => (
          <div key={figure.label} className={figure.total ? "totals__row totals__row--total" : "totals__row"}>
            <dt>{figure.label}</dt>
            <dd>{money(figure.amount, receipt.currency)}</dd>
          </div>
        ))}
      </dl>

      {receipt.refunds.length > 0 && (
        <section aria-labelledby="receipt-refunds" className="mt-4">
          <h2 id="receipt-refunds" className="card__title">
            Refunds
          </h2>
          <ul className="m-0 flex list-none flex-col gap-2 p-0">
            {receipt.refunds.map((refund, index) => (
              <li key={`${refund.at}-${index}`}>
                <p>
                  <span className="price font-semibold">{money(refund.amount, receipt.currency)}</span> refunded{" "}
                  {at(refund.at)}
                  {REFUND_STATUS_NOTES[refund.status] && ` (${REFUND_STATUS_NOTES[refund.status]})`}
                </p>
                <p className="muted">{refund.reason}</p>
              </li>
            ))}
          </ul>
          <dl className="totals mt-2">
            <div className="totals__row totals__row--total">
              <dt>Total refunded</dt>
              <dd>{money(receipt.refunded, receipt.currency)}</dd>
            </div>
          </dl>
        </section>
      )}

      <p className="muted mt-4 text-sm">
        Thank you for dining with us! To keep a copy, print this page or save it as a PDF.
      </p>
    </article>
  );
}
