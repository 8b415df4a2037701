"use client";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import type { MenuFilter } from "@tabletap/core/menu-filter";
import { MenuFilterSheet } from "./MenuFilterSheet";
import { MenuSearchSheet } from "./MenuSearchSheet";
import type { MenuTool } from "./MenuTools";

/** The open menu tool's sheet: the filter or the search (one lazily loaded module for both). */
export function MenuToolSheet({
  tool,
  tableCode,
  stored,
  menu,
  quantities,
  onAdd,
  onChange,
  onClose,
}: {
  tool: MenuTool;
  tableCode: string;
  /** The table's filter as stored (`storedMenuFilter`). */
  stored: unknown;
  menu: TableMenuView;
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
  /** The filter changed (as stored: null once it hides nothing). */
  onChange: (stored: MenuFilter | null) => void;
  onClose: () => void;
}) {
  return tool === "filter" ? (
    <MenuFilterSheet tableCode={tableCode} stored={stored} menu={menu} onChange={onChange} onClose={onClose} />
  ) : (
    <MenuSearchSheet stored={stored} menu={menu} quantities={quantities} onAdd={onAdd} onClose={onClose} />
  );
}
