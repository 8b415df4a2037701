"use client";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { searchMenu, toMenuFilter } from "@tabletap/core/menu-filter";
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { ItemCard } from "./MenuView";
import { Sheet } from "./Sheet";

/**
 * Menu search: matches item names, descriptions and categories as the guest types, ignoring case
 * and accents (core's `searchMenu`), among the items the guest's filter shows only. Results can be
 * added to the cart right here.
 */
export function MenuSearchSheet({
  stored,
  menu,
  quantities,
  onAdd,
  onClose,
}: {
  /** The table's filter as stored (`storedMenuFilter`). */
  stored: unknown;
  menu: TableMenuView;
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const inputId = useId();
  const [query, setQuery] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  // The sheet opens for this: typing starts at once (after the dialog has taken focus).
  useEffect(() => inputRef.current?.focus(), []);
  const deferred = useDeferredValue(query);
  const hits = useMemo(
    () => searchMenu(menu.categories, deferred, toMenuFilter(stored)),
    [menu.categories, deferred, stored],
  );
  const searching = deferred.trim() !== "";

  return (
    <Sheet open onClose={onClose} title="Search the menu" titleId={titleId}>
      <form role="search" className="field" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={inputId} className="visually-hidden">
          Search dishes
        </label>
        <input
          id={inputId}
          className="input"
          type="search"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder="Dish, ingredient or category"
          ref={inputRef}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </form>
      <p className="fine-print" role="status">
        {searching ? (hits.length === 0 ? `Nothing matches “${deferred.trim()}”` : `${hits.length} found`) : ""}
      </p>
      {hits.length > 0 && (
        <div className="menu-section__items search-results">
          {hits.map(({ item }) => (
            <ItemCard
              key={item.id}
              item={item}
              currency={menu.restaurant.currency}
              inCart={quantities.get(item.id) ?? 0}
              onAdd={onAdd}
            />
          ))}
        </div>
      )}
    </Sheet>
  );
}
