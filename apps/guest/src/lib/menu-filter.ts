import { isMenuFilterActive, NO_MENU_FILTER, toMenuFilter, type MenuFilter } from "@tabletap/core/menu-filter";

const storageKey = (tableCode: string) => `tabletap:menu-filter:${tableCode}`;

/** The menu filter remembered for this table in localStorage (`NO_MENU_FILTER` when none or unreadable). */
export function readMenuFilter(tableCode: string): MenuFilter {
  try {
    const raw = window.localStorage.getItem(storageKey(tableCode));
    return raw ? toMenuFilter(JSON.parse(raw)) : NO_MENU_FILTER;
  } catch {
    return NO_MENU_FILTER;
  }
}

/** Remembers `filter` for this table (removed when it hides nothing). */
export function writeMenuFilter(tableCode: string, filter: MenuFilter): void {
  try {
    const key = storageKey(tableCode);
    if (isMenuFilterActive(filter)) {
      window.localStorage.setItem(key, JSON.stringify(filter));
    } else {
      window.localStorage.removeItem(key);
    }
  } catch {
    // Private mode or a full quota: the filter still works for this visit.
  }
}
