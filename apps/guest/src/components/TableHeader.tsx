import type { TableMenuView } from "@tabletap/core";

/** The table page's header: restaurant, table, and "Sign out" for a signed-in guest. */
export function TableHeader({
  menu,
  signedIn,
  onSignOut,
}: {
  menu: TableMenuView;
  signedIn: boolean;
  onSignOut: () => void;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <div className="site-header__titles">
          <h1 className="site-header__title">{menu.restaurant.name}</h1>
          <p className="site-header__subtitle">
            <span className="table-pill">Table {menu.table.label}</span>
          </p>
        </div>
        {signedIn && (
          <button type="button" className="link-button site-header__action" onClick={onSignOut}>
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
