import type { MenuFilter } from "@tabletap/core/menu-filter";

// No runtime import of core's filter rules here: the menu page reads the stored filter with this
// module, and only the lazily loaded filtered menu and sheets apply it (`toMenuFilter`).
const storageKey = (tableCode: string) => `tabletap:menu-filter:${tableCode}`;

/**
 * The menu filter remembered for this table in localStorage, as stored (parsed JSON, not yet
 * checked: core's `toMenuFilter` makes it a `MenuFilter`); null when none or unreadable.
 */
export function storedMenuFilter(tableCode: string): unknown {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey(tableCode)) ?? "null");
  } catch {
    return null;
  }
}

/** Remembers `filter` for this table (`null`, a filter that hides nothing, forgets it). */
export function rememberMenuFilter(tableCode: string, filter: MenuFilter | null): void {
  try {
    const key = storageKey(tableCode);
    if (filter) window.localStorage.setItem(key, JSON.stringify(filter));
    else window.localStorage.removeItem(key);
  } catch {
    // Private mode or a full quota: the filter still works for this visit.
  }
}
