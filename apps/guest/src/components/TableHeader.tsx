import type { TableMenuView } from "@tabletap/core";

/** The table page's header: restaurant, table, and the table's "Bill" and "Sign out" for a signed-in guest. */
export function TableHeader({
  tableCode,
  menu,
  signedIn,
  onSignOut,
}: {
  tableCode: string;
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
          <div className="site-header__actions">
            <a href={`/t/${tableCode}/bill`} className="button button--small button--secondary">
              Bill
            </a>
            <button type="button" className="link-button site-header__action" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
