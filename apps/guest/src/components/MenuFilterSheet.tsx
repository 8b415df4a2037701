"use client";
import type { TableMenuView } from "@tabletap/core";
import { ALLERGENS, type AllergenId } from "@tabletap/core/dietary";
import {
  filterMenu,
  isMenuFilterActive,
  NO_MENU_FILTER,
  toMenuFilter,
  type MenuFilter,
} from "@tabletap/core/menu-filter";
import { useId } from "react";
import { rememberMenuFilter } from "@/lib/menu-filter";
import { Sheet } from "./Sheet";

/**
 * The menu filter: vegetarian only, vegan only, and the allergens whose dishes to leave out
 * (core's `passesMenuFilter`). Every change applies at once and is remembered for the table
 * (`onChange` gets the filter as stored: null once it hides nothing); the footer shows how many
 * items the menu will show and clears the filter.
 */
export function MenuFilterSheet({
  tableCode,
  stored,
  menu,
  onChange,
  onClose,
}: {
  tableCode: string;
  /** The table's filter as stored (`storedMenuFilter`). */
  stored: unknown;
  menu: TableMenuView;
  onChange: (stored: MenuFilter | null) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const ids = useId();
  const filter = toMenuFilter(stored);
  const total = menu.categories.reduce((sum, category) => sum + category.items.length, 0);
  const shown = total - filterMenu(menu.categories, filter).hiddenCount;

  function change(next: MenuFilter) {
    const value = isMenuFilterActive(next) ? next : null;
    rememberMenuFilter(tableCode, value);
    onChange(value);
  }

  function toggleAllergen(id: AllergenId, checked: boolean) {
    const rest = filter.excludeAllergens.filter((each) => each !== id);
    change({ ...filter, excludeAllergens: checked ? [...rest, id] : rest });
  }

  const footer = (
    <div className="filter-actions">
      <button
        type="button"
        className="button button--secondary"
        disabled={!isMenuFilterActive(filter)}
        onClick={() => change(NO_MENU_FILTER)}
      >
        Clear filter
      </button>
      <button type="button" className="button button--primary" onClick={onClose}>
        Show {shown} {shown === 1 ? "item" : "items"}
      </button>
    </div>
  );

  return (
    <Sheet open onClose={onClose} title="Filter the menu" titleId={titleId} footer={footer}>
      <fieldset className="choice-group">
        <legend className="choice-group__legend">
          <span className="choice-group__name">Diet</span>
        </legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={filter.vegOnly}
            onChange={(e) => change({ ...filter, vegOnly: e.target.checked })}
          />
          <span className="choice__name">Vegetarian only</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={filter.vegan}
            onChange={(e) => change({ ...filter, vegan: e.target.checked })}
          />
          <span className="choice__name">Vegan only</span>
        </label>
      </fieldset>
      <fieldset className="choice-group" aria-describedby={`${ids}-allergen-hint`}>
        <legend className="choice-group__legend">
          <span className="choice-group__name">Leave out dishes containing</span>
        </legend>
        <div className="allergen-picks">
          {ALLERGENS.map((allergen) => (
            <label key={allergen.id} className="allergen-pick">
              <input
                type="checkbox"
                checked={filter.excludeAllergens.includes(allergen.id)}
                onChange={(e) => toggleAllergen(allergen.id, e.target.checked)}
              />
              <span>{allergen.label}</span>
            </label>
          ))}
        </div>
        <p id={`${ids}-allergen-hint`} className="fine-print">
          Based on the allergens each dish lists. Add-on choices don&apos;t list theirs, and kitchens handle many
          ingredients: declare allergies when you order, and ask our staff if you&apos;re unsure.
        </p>
      </fieldset>
    </Sheet>
  );
}
