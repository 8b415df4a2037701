"use client";
import { ALLERGENS } from "@tabletap/core/dietary";
import { MAX_ORDER_NOTE } from "@tabletap/core/pricing";
import { useId, useState } from "react";
import type { Cart } from "@/hooks/useCart";
import { FormField } from "./FormField";

/**
 * At checkout: a note for the whole order and "I have allergies" (the 14 allergens as toggles),
 * both kept with the cart and sent with the order; the kitchen sees them on the ticket, the
 * allergies in a red banner.
 */
export function OrderExtras({ cart }: { cart: Pick<Cart, "note" | "allergies" | "update"> }) {
  const ids = useId();
  const [showAllergies, setShowAllergies] = useState(cart.allergies.length > 0);
  return (
    <div className="order-extras">
      <FormField
        label="Note for the kitchen"
        optional
        hint={`${cart.note.length}/${MAX_ORDER_NOTE}`}
        hintClassName="field__counter"
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={2}
            maxLength={MAX_ORDER_NOTE}
            placeholder="e.g. bring the starters first"
            value={cart.note}
            onChange={(e) => {
              const note = e.target.value.slice(0, MAX_ORDER_NOTE);
              cart.update((prev) => ({ ...prev, note }));
            }}
          />
        )}
      </FormField>
      <button
        type="button"
        className={`chip ${showAllergies ? "chip--active" : ""}`}
        aria-expanded={showAllergies}
        aria-controls={`${ids}-allergies`}
        onClick={() => setShowAllergies(!showAllergies)}
      >
        I have allergies{cart.allergies.length > 0 ? ` · ${cart.allergies.length}` : ""}
      </button>
      {showAllergies && (
        <fieldset id={`${ids}-allergies`} className="choice-group" aria-describedby={`${ids}-hint`}>
          <legend className="choice-group__legend">
            <span className="choice-group__name">Your allergies</span>
          </legend>
          <div className="allergen-picks">
            {ALLERGENS.map((allergen) => (
              <label key={allergen.id} className="allergen-pick">
                <input
                  type="checkbox"
                  checked={cart.allergies.includes(allergen.id)}
                  onChange={(e) => {
                    const { checked } = e.target;
                    cart.update((prev) => ({
                      ...prev,
                      allergies: checked
                        ? [...prev.allergies, allergen.id]
                        : prev.allergies.filter((id) => id !== allergen.id),
                    }));
                  }}
                />
                <span>{allergen.label}</span>
              </label>
            ))}
          </div>
          <p id={`${ids}-hint`} className="fine-print">
            The kitchen sees these in red on your order. For a severe allergy, please also tell our staff.
          </p>
        </fieldset>
      )}
    </div>
  );
}
