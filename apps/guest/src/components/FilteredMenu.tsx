"use client";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { filterMenu, toMenuFilter } from "@tabletap/core/menu-filter";
import { useMemo } from "react";
import { MenuTools, type MenuTool } from "./MenuTools";
import { MenuView } from "./MenuView";

/** The number of choices in a filter, for the "Filter · N" button. */
function filterChoices(stored: unknown): number {
  const filter = toMenuFilter(stored);
  return filter.excludeAllergens.length + (filter.vegOnly ? 1 : 0) + (filter.vegan ? 1 : 0);
}

/**
 * The menu under the guest's stored filter (core's `filterMenu`): "N items hidden by your filter"
 * with "Show all" (forgets the filter), then the items that pass, or a message when none does.
 * Loaded only when the table has a filter, so the menu page doesn't carry the rules otherwise.
 */
export function FilteredMenu({
  stored,
  menu,
  quantities,
  onAdd,
  onOpen,
  onReset,
}: {
  /** The filter as stored for the table (`storedMenuFilter`). */
  stored: unknown;
  menu: TableMenuView;
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
  onOpen: (tool: MenuTool) => void;
  onReset: () => void;
}) {
  const filtered = useMemo(() => filterMenu(menu.categories, toMenuFilter(stored)), [menu.categories, stored]);
  const shown = useMemo(() => ({ ...menu, categories: filtered.categories }), [menu, filtered.categories]);
  const hidden = filtered.hiddenCount;
  return (
    <>
      <MenuTools active={filterChoices(stored)} onOpen={onOpen} />
      {hidden > 0 && (
        <div className="container">
          <p className="banner" role="status">
            <span>
              {hidden} {hidden === 1 ? "item" : "items"} hidden by your filter
            </span>
            <button type="button" className="button button--small button--secondary" onClick={onReset}>
              Show all
            </button>
          </p>
        </div>
      )}
      {hidden > 0 && filtered.categories.length === 0 ? (
        <div className="empty">
          <p className="empty__title">Nothing on the menu matches your filter</p>
          <p>Change the filter, or ask our staff what the kitchen can make for you.</p>
        </div>
      ) : (
        <MenuView menu={shown} quantities={quantities} onAdd={onAdd} />
      )}
    </>
  );
}
