"use client";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { ORDERING_PAUSED_MESSAGE } from "@tabletap/core/cart";
import { lazy, Suspense, useEffect, useState } from "react";
import { rememberMenuFilter, storedMenuFilter } from "@/lib/menu-filter";
import type { RecentOrder } from "@/lib/recent-orders";
import { MenuTools, type MenuTool } from "./MenuTools";
import { MenuView } from "./MenuView";
import { RecentOrders } from "./RecentOrders";

// Loaded when needed, never with the page (its first-load budget): the filtered menu when the
// table has a filter, the sheets when tapped.
const FilteredMenu = lazy(() => import("./FilteredMenu").then((m) => ({ default: m.FilteredMenu })));
const MenuToolSheet = lazy(() => import("./MenuToolSheet").then((m) => ({ default: m.MenuToolSheet })));

const opening = (
  <p className="sheet-loading" role="status">
    Opening…
  </p>
);

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
  // The table's filter as stored (null: none); read after hydration, it lives in localStorage.
  const [stored, setStored] = useState<unknown>(null);
  const [open, setOpen] = useState<MenuTool | null>(null);
  useEffect(() => setStored(storedMenuFilter(tableCode)), [tableCode]);
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
      {stored ? (
        <Suspense fallback={<MenuTools active={0} onOpen={setOpen} />}>
          <FilteredMenu
            stored={stored}
            menu={menu}
            quantities={quantities}
            onAdd={onAdd}
            onOpen={setOpen}
            onReset={() => {
              rememberMenuFilter(tableCode, null);
              setStored(null);
            }}
          />
        </Suspense>
      ) : (
        <>
          <MenuTools active={0} onOpen={setOpen} />
          <MenuView menu={menu} quantities={quantities} onAdd={onAdd} />
        </>
      )}
      {open && (
        <Suspense fallback={opening}>
          <MenuToolSheet
            tool={open}
            tableCode={tableCode}
            stored={stored}
            menu={menu}
            quantities={quantities}
            onAdd={onAdd}
            onChange={setStored}
            onClose={close}
          />
        </Suspense>
      )}
    </>
  );
}
