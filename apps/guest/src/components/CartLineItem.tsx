"use client";
import { MAX_LINE_NOTES, MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from "@tabletap/core/pricing";
import { useId, useState } from "react";
import type { Cart } from "@/hooks/useCart";
import { clampQuantity, lineKey, type CartLine, type PricedCartLine } from "@/lib/cart";
import { money } from "@/lib/format";
import { DietaryMark } from "./DietaryMark";
import { Stepper } from "./Stepper";

/**
 * `lines` with line `key`'s note changed to `notes` (trimmed): its key follows, and it merges into
 * a line it then matches (same item, options and note).
 */
function withLineNotes(lines: CartLine[], key: string, notes: string): CartLine[] {
  const line = lines.find((l) => l.key === key);
  if (!line) return lines;
  const trimmed = notes.trim();
  const nextKey = lineKey(line.menuItemId, line.optionIds, trimmed);
  const twin = lines.find((l) => l.key === nextKey);
  if (twin === line) return lines;
  if (!twin) return lines.map((l) => (l === line ? { ...l, notes: trimmed, key: nextKey } : l));
  return lines
    .filter((l) => l !== line)
    .map((l) => (l === twin ? { ...l, quantity: clampQuantity(l.quantity + line.quantity) } : l));
}

/**
 * One cart line: name, choices, notes, its flag when it can't be ordered any more (sold out,
 * removed from the menu, a choice gone: `checkCart`) or its price changed, quantity, "Remove", price.
 * "Add note" / "Edit note" gives every line a note for the kitchen, also one added straight from
 * the menu without the item form.
 */
export function CartLineItem({
  line,
  currency,
  cart,
}: {
  line: PricedCartLine;
  currency: string;
  cart: Pick<Cart, "setQuantity" | "remove" | "update">;
}) {
  const noteId = useId();
  const [draft, setDraft] = useState<string | null>(null);
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
        {line.notes && draft === null && <p className="cart-line__notes">Note: {line.notes}</p>}
        {draft !== null && (
          <form
            className="cart-line__note-form"
            onSubmit={(event) => {
              event.preventDefault();
              cart.update((prev) => ({ ...prev, lines: withLineNotes(prev.lines, line.key, draft) }));
              setDraft(null);
            }}
          >
            <label htmlFor={noteId} className="field__label">
              Note for the kitchen
            </label>
            <textarea
              id={noteId}
              className="input textarea"
              rows={2}
              maxLength={MAX_LINE_NOTES}
              placeholder="e.g. less oil, no onion"
              value={draft}
              onChange={(e) => setDraft(e.target.value.slice(0, MAX_LINE_NOTES))}
            />
            <div className="cart-line__controls">
              <button type="submit" className="button button--small button--secondary">
                Save note
              </button>
              <button type="button" className="link-button" onClick={() => setDraft(null)}>
                Cancel
              </button>
            </div>
          </form>
        )}
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
          {!line.problem && draft === null && (
            <button
              type="button"
              className="link-button"
              aria-label={`${line.notes ? "Edit note" : "Add note"} for ${line.name}`}
              onClick={() => setDraft(line.notes)}
            >
              {line.notes ? "Edit note" : "Add note"}
            </button>
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
