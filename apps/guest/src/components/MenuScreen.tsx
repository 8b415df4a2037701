import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { ORDERING_PAUSED_MESSAGE } from "@tabletap/core/cart";
import type { RecentOrder } from "@/lib/recent-orders";
import { MenuView } from "./MenuView";
import { RecentOrders } from "./RecentOrders";

/**
 * The menu part of the table page: a "you're browsing" banner for a signed-out guest, their
 * recent orders here, a banner while the restaurant has paused ordering (live: it comes and goes
 * with the manager's switch), a warning when the menu could not be refreshed, then the menu.
 */
export function MenuScreen({
  menu,
  stale,
  signedIn,
  recent,
  quantities,
  onAdd,
  onSignIn,
}: {
  menu: TableMenuView;
  stale: boolean;
  signedIn: boolean;
  recent: RecentOrder[];
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
  onSignIn: () => void;
}) {
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
      <MenuView menu={menu} quantities={quantities} onAdd={onAdd} />
    </>
  );
}
