"use client";
import { NO_MENU_FILTER, type MenuFilter } from "@tabletap/core/menu-filter";
import { useCallback, useEffect, useState } from "react";
import { readMenuFilter, writeMenuFilter } from "@/lib/menu-filter";

/**
 * The guest's menu filter (veg only, vegan, allergens to leave out), remembered for the table in
 * localStorage: read after hydration, saved on every change.
 */
export function useMenuFilter(tableCode: string) {
  const [filter, setFilter] = useState<MenuFilter>(NO_MENU_FILTER);
  useEffect(() => setFilter(readMenuFilter(tableCode)), [tableCode]);
  const change = useCallback(
    (next: MenuFilter) => {
      setFilter(next);
      writeMenuFilter(tableCode, next);
    },
    [tableCode],
  );
  return { filter, change };
}
