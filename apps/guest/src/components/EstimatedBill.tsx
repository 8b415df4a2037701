import type { TableMenuView } from "@tabletap/core";
import type { CartEstimate } from "@/lib/cart";
import { money, percent } from "@/lib/format";

/** The cart's estimated bill: subtotal, service charge and GST with their rates, the total (`totalId`). */
export function EstimatedBill({
  estimate,
  restaurant,
  totalId,
}: {
  estimate: CartEstimate;
  restaurant: TableMenuView["restaurant"];
  totalId: string;
}) {
  const { currency, taxBps, serviceChargeBps } = restaurant;
  return (
    <dl className="totals" aria-label="Estimated bill">
      <div className="totals__row">
        <dt>Subtotal</dt>
        <dd>{money(estimate.subtotal, currency)}</dd>
      </div>
      {serviceChargeBps > 0 && (
        <div className="totals__row">
          <dt>Service charge ({percent(serviceChargeBps)})</dt>
          <dd>{money(estimate.serviceCharge, currency)}</dd>
        </div>
      )}
      {taxBps > 0 && (
        <div className="totals__row">
          <dt>GST ({percent(taxBps)})</dt>
          <dd>{money(estimate.tax, currency)}</dd>
        </div>
      )}
      <div className="totals__row totals__row--total" id={totalId}>
        <dt>Estimated total</dt>
        <dd>{money(estimate.total, currency)}</dd>
      </div>
    </dl>
  );
}
