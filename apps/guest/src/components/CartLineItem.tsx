import { MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from "@tabletap/core/pricing";
import type { Cart } from "@/hooks/useCart";
import type { PricedCartLine } from "@/lib/cart";
import { money } from "@/lib/format";
import { DietaryMark } from "./DietaryMark";
import { Stepper } from "./Stepper";

/**
 * One cart line: name, choices, notes, its flag when it can't be ordered any more (sold out,
 * removed from the menu, a choice gone: `checkCart`) or its price changed, quantity, "Remove", price.
 */
export function CartLineItem({
  line,
  currency,
  cart,
}: {
  line: PricedCartLine;
  currency: string;
  cart: Pick<Cart, "setQuantity" | "remove">;
}) {
  return (
    <li className={`cart-line ${line.problem ? "cart-line--problem" : ""}`}>
      <div className="cart-line__main">
        <p className="cart-line__name">
          {line.item && <DietaryMark tags={line.item.dietaryTags} />}
          <span>{line.name}</span>
        </p>
        {line.modifiers.length > 0 && (
          <p className="cart-line__modifiers">{line.modifiers.map((m) => m.name).join(" · ")}</p>
        )}
        {line.notes && <p className="cart-line__notes">Note: {line.notes}</p>}
        {line.problem && (
          <p className="cart-line__problem" id={`${line.key}-problem`}>
            {line.problem}
          </p>
        )}
        {line.priceChange && (
          <p className="cart-line__notice">
            Price changed: was {money(line.priceChange.from, currency)}, now {money(line.priceChange.to, currency)}
          </p>
        )}
        <div className="cart-line__controls">
          {!line.problem && (
            <Stepper
              size="small"
              value={line.quantity}
              min={MIN_LINE_QUANTITY}
              max={MAX_LINE_QUANTITY}
              onChange={(q) => cart.setQuantity(line.key, q)}
              label={`Quantity of ${line.name}`}
            />
          )}
          <button
            type="button"
            className="link-button link-button--danger"
            onClick={() => cart.remove(line.key)}
            aria-label={`Remove ${line.name}`}
            aria-describedby={line.problem ? `${line.key}-problem` : undefined}
          >
            Remove
          </button>
        </div>
      </div>
      {line.lineTotal !== null && <p className="cart-line__total price">{money(line.lineTotal, currency)}</p>}
    </li>
  );
}
