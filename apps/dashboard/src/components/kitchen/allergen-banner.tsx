import type { OrderLineView, OrderView } from "@tabletap/core";
import { allergenLabel, allergenWarnings } from "@tabletap/core/dietary";

const labels = (ids: readonly string[]) => ids.map(allergenLabel).join(", ");

/**
 * The top of a ticket for what the cook must not miss: a high-contrast allergen banner (the
 * allergies the guest declared at checkout, in white on solid red; then each of `lines` whose item
 * lists allergens, a declared one marked "Declared"; black on amber when the guest declared none),
 * and the guest's note for the whole order. Nothing when there is none of these.
 * `lines`: the lines this ticket shows (a station view shows its own).
 */
export function AllergenBanner({ ticket, lines }: { ticket: OrderView; lines: readonly OrderLineView[] }) {
  const warnings = allergenWarnings(ticket.allergies, lines);
  const declared = warnings.allergies.length > 0;
  return (
    <>
      {declared || warnings.lines.length > 0 ? (
        <section
          aria-label="Allergens"
          data-testid="allergen-banner"
          className={`mx-3 mt-2 rounded-md border-2 px-3 py-2 text-base leading-snug ${
            declared
              ? "bg-danger-solid text-danger-solid-foreground border-white"
              : "bg-warning text-warning-foreground border-warning"
          }`}
        >
          {declared ? (
            <p className="text-lg font-black tracking-wide uppercase">
              <span aria-hidden="true">⚠ </span>Allergy: {labels(warnings.allergies)}
            </p>
          ) : (
            <p className="text-sm font-extrabold tracking-wide uppercase">Contains allergens</p>
          )}
          {warnings.lines.length > 0 ? (
            <ul className="mt-1 grid gap-0.5">
              {warnings.lines.map((line) => (
                <li key={line.index} className={line.declared.length > 0 ? "font-black" : "font-semibold"}>
                  {line.quantity}× {line.name}: {labels(line.allergens)}
                  {line.declared.length > 0 ? (
                    <span className="ml-2 rounded-sm bg-white px-1.5 text-sm font-black text-black uppercase">
                      Declared: {labels(line.declared)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {ticket.note ? (
        <p className="bg-highlight text-highlight-foreground mx-3 mt-2 rounded-md px-3 py-1.5 text-base font-bold">
          <span className="mr-1 text-sm uppercase">Order note</span> {ticket.note}
        </p>
      ) : null}
    </>
  );
}
