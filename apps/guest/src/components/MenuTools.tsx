/** Which of the menu's tool sheets is open. */
export type MenuTool = "filter" | "search";

/** "Search" and "Filter" (with how many choices the filter has: `active`) above the menu. */
export function MenuTools({ active, onOpen }: { active: number; onOpen: (tool: MenuTool) => void }) {
  return (
    <div className="menu-tools container">
      <button type="button" className="chip" aria-haspopup="dialog" onClick={() => onOpen("search")}>
        Search
      </button>
      <button
        type="button"
        className={`chip ${active > 0 ? "chip--active" : ""}`}
        aria-haspopup="dialog"
        onClick={() => onOpen("filter")}
      >
        {active > 0 ? `Filter · ${active}` : "Filter"}
      </button>
    </div>
  );
}
