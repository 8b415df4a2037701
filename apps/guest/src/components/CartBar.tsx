import { money, plural } from "@/lib/format";

/**
 * The bar at the bottom of the menu: item count, "View cart" and the estimated total, with
 * `notice` above it (why the cart can't be ordered now, e.g. paused ordering), in view however
 * far the guest has scrolled.
 */
export function CartBar({
  count,
  total,
  currency,
  notice,
  onOpen,
}: {
  count: number;
  total: number;
  currency: string;
  notice: string | null;
  onOpen: () => void;
}) {
  return (
    <div className="cart-bar">
      {notice && <p className="cart-bar__notice alert alert--warning">{notice}</p>}
      <button type="button" className="cart-bar__button" onClick={onOpen} aria-haspopup="dialog">
        <span className="cart-bar__count" aria-hidden="true">
          {count}
        </span>
        <span className="cart-bar__label">
          View cart<span className="visually-hidden"> · {plural(count, "item")}</span>
        </span>
        <span className="cart-bar__total">
          <span className="visually-hidden"> · </span>
          {money(total, currency)}
        </span>
      </button>
    </div>
  );
}
