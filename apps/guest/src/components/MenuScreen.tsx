"use client";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { ORDERING_PAUSED_MESSAGE } from "@tabletap/core/cart";
import { filterMenu, NO_MENU_FILTER } from "@tabletap/core/menu-filter";
import { lazy, Suspense, useMemo, useState } from "react";
import { useMenuFilter } from "@/hooks/useMenuFilter";
import type { RecentOrder } from "@/lib/recent-orders";
import { MenuView } from "./MenuView";
import { RecentOrders } from "./RecentOrders";

// Opened on a tap: loaded then (and prefetched on the first tap's intent), never with the page.
const MenuFilterSheet = lazy(() => import("./MenuFilterSheet").then((m) => ({ default: m.MenuFilterSheet })));
const MenuSearchSheet = lazy(() => import("./MenuSearchSheet").then((m) => ({ default: m.MenuSearchSheet })));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The menu part of the table page: a "you're browsing" banner for a signed-out guest, their
 * recent orders here, a banner while the restaurant has paused ordering (live: it comes and goes
 * with the manager's switch), a warning when the menu could not be refreshed, "Search" and
 * "Filter" (veg only, vegan, allergens to leave out: remembered for the table, with how many items
 * it hides and a reset), then the menu as the filter leaves it.
 */
export function MenuScreen({
  tableCode,
  menu,
  stale,
  signedIn,
  recent,
  quantities,
  onAdd,
  onSignIn,
}: {
  tableCode: string;
  menu: TableMenuView;
  stale: boolean;
  signedIn: boolean;
  recent: RecentOrder[];
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
  onSignIn: () => void;
}) {
  const { filter, change } = useMenuFilter(tableCode);
  const [open, setOpen] = useState<"filter" | "search" | null>(null);
  const filtered = useMemo(() => filterMenu(menu.categories, filter), [menu.categories, filter]);
  const shown = useMemo(() => ({ ...menu, categories: filtered.categories }), [menu, filtered.categories]);
  const active = filter.excludeAllergens.length + (filter.vegOnly ? 1 : 0) + (filter.vegan ? 1 : 0);
  const close = () => setOpen(null);

  return (
    <>
      {!signedIn && (
        <div className="container">
          <div className="banner">
            <p>You&apos;re browsing. Sign in when you&apos;re ready to order.</p>
            <button type="button" className="button button--small button--secondary" onClick={onSignIn}>
              Sign in
            </button>
          </div>
        </div>
      )}
      {recent.length > 0 && (
        <div className="container">
          <RecentOrders orders={recent} />
        </div>
      )}
      <div className="container" role="status">
        {menu.restaurant.orderingPaused && <p className="alert alert--warning">{ORDERING_PAUSED_MESSAGE}</p>}
      </div>
      {stale && (
        <div className="container">
          <p className="alert alert--warning" role="status">
            We couldn&apos;t refresh the menu. You&apos;re seeing it as of a moment ago.
          </p>
        </div>
      )}
      <div className="menu-tools container">
        <button type="button" className="chip" aria-haspopup="dialog" onClick={() => setOpen("search")}>
          Search
        </button>
        <button
          type="button"
          className={`chip ${active > 0 ? "chip--active" : ""}`}
          aria-haspopup="dialog"
          onClick={() => setOpen("filter")}
        >
          {active > 0 ? `Filter · ${active}` : "Filter"}
        </button>
      </div>
      {filtered.hiddenCount > 0 && (
        <div className="container">
          <p className="banner menu-filter-note" role="status">
            <span>{plural(filtered.hiddenCount, "item")} hidden by your filter</span>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => change(NO_MENU_FILTER)}
            >
              Show all
            </button>
          </p>
        </div>
      )}
      {filtered.hiddenCount > 0 && filtered.categories.length === 0 ? (
        <div className="empty">
          <p className="empty__title">Nothing on the menu matches your filter</p>
          <p>Change the filter, or ask our staff what the kitchen can make for you.</p>
        </div>
      ) : (
        <MenuView menu={shown} quantities={quantities} onAdd={onAdd} />
      )}
      {open && (
        <Suspense
          fallback={
            <p className="sheet-loading" role="status">
              Opening…
            </p>
          }
        >
          {open === "filter" ? (
            <MenuFilterSheet categories={menu.categories} filter={filter} onChange={change} onClose={close} />
          ) : (
            <MenuSearchSheet menu={menu} filter={filter} quantities={quantities} onAdd={onAdd} onClose={close} />
          )}
        </Suspense>
      )}
    </>
  );
}
