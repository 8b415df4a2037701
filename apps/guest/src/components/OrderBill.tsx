import type { OrderView } from "@tabletap/core";
import { allergenLabel } from "@tabletap/core/dietary";
import { money } from "@/lib/format";

/** The order's lines, the guest's note and declared allergies, and the server's bill (subtotal, service charge, GST, tip, total). */
export function OrderBill({ order }: { order: OrderView }) {
  const count = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  return (
    <section className="card" aria-labelledby="order-items-heading">
      <h2 id="order-items-heading" className="card__title">
        Your order{" "}
        <span className="muted">
          · {count} {count === 1 ? "item" : "items"}
        </span>
      </h2>
      <ul className="order-lines">
        {order.lines.map((line, index) => (
          <li key={`${line.menuItemId}-${index}`} className="order-line">
            <span className="order-line__qty">{line.quantity} ×</span>
            <div className="order-line__main">
              <p className="order-line__name">{line.name}</p>
              {line.modifiers.length > 0 && (
                <p className="order-line__modifiers">{line.modifiers.map((m) => m.name).join(" · ")}</p>
              )}
              {line.notes && <p className="order-line__notes">Note: {line.notes}</p>}
            </div>
            <span className="order-line__total price">{money(line.lineTotal, order.currency)}</span>
          </li>
        ))}
      </ul>
      {order.note && <p className="order-line__notes">Note for the kitchen: {order.note}</p>}
      {/* `?? []`: an order view streamed before declared allergies existed has none. */}
      {(order.allergies ?? []).length > 0 && (
        <p className="order-line__notes">
          Allergies you told the kitchen: {order.allergies.map(allergenLabel).join(", ")}
        </p>
      )}
      <dl className="totals" aria-label="Bill">
        <div className="totals__row">
          <dt>Subtotal</dt>
          <dd>{money(order.subtotal, order.currency)}</dd>
        </div>
        {order.serviceCharge > 0 && (
          <div className="totals__row">
            <dt>Service charge</dt>
            <dd>{money(order.serviceCharge, order.currency)}</dd>
          </div>
        )}
        <div className="totals__row">
          <dt>GST</dt>
          <dd>{money(order.tax, order.currency)}</dd>
        </div>
        {order.tip > 0 && (
          <div className="totals__row">
            <dt>Tip</dt>
            <dd>{money(order.tip, order.currency)}</dd>
          </div>
        )}
        <div className="totals__row totals__row--total">
          <dt>Total</dt>
          <dd>{money(order.total, order.currency)}</dd>
        </div>
      </dl>
    </section>
  );
}
