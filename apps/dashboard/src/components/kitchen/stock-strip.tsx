"use client";
import { STOCK_POLICY, stockState } from "@tabletap/core/stock";
import { useKitchenStock } from "@/hooks/use-kitchen-stock";

/**
 * The kitchen's stock at a glance, above the tickets: what is 86'd (items and options), each with
 * a one-tap "Bring back", and a warning for counted items at or under `STOCK_POLICY.lowStockAt`
 * portions with their counts. Takes no room when nothing is 86'd or low.
 */
export function StockStrip({ showNotice }: { showNotice: (text: string) => void }) {
  const { query, setAvailable, pending } = useKitchenStock(showNotice);
  const items = query.data ?? [];
  const out = items.filter((item) => !item.available);
  const options = items.flatMap((item) =>
    item.unavailableOptions.map((option) => ({ item, option, name: `${item.name}: ${option.name}` })),
  );
  const low = items.filter((item) => item.available && stockState(item.stock) === "low");
  if (out.length === 0 && options.length === 0 && low.length === 0) return null;
  const chip = "inline-flex items-center gap-1.5 rounded border border-border bg-card px-2 py-0.5 text-sm";
  const back = "rounded bg-primary-soft px-1.5 text-xs font-semibold disabled:opacity-60";
  return (
    <section className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-1.5" aria-label="Stock">
      {low.length > 0 ? (
        <div role="status" className="flex flex-wrap items-center gap-1.5">
          <h2 className="text-danger text-sm font-semibold">Running low</h2>
          <ul className="flex flex-wrap gap-1.5">
            {low.map((item) => (
              <li key={item.id} className={chip} title={`${STOCK_POLICY.lowStockAt} or fewer left`}>
                {item.name} <strong>{item.stock} left</strong>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {out.length + options.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <h2 className="text-sm font-semibold">86&apos;d</h2>
          <ul className="flex flex-wrap gap-1.5">
            {out.map((item) => (
              <li key={item.id} className={chip}>
                {item.name}
                {item.stock === 0 ? <span className="text-muted-foreground">(sold out)</span> : null}
                <button
                  type="button"
                  className={back}
                  disabled={pending?.menuItemId === item.id}
                  aria-label={`Bring back ${item.name}`}
                  onClick={() => setAvailable({ menuItemId: item.id, name: item.name }, true)}
                >
                  Bring back
                </button>
              </li>
            ))}
            {options.map(({ item, option, name }) => (
              <li key={option.id} className={chip}>
                {name}
                <button
                  type="button"
                  className={back}
                  disabled={pending?.optionId === option.id}
                  aria-label={`Bring back ${name}`}
                  onClick={() => setAvailable({ menuItemId: item.id, optionId: option.id, name }, true)}
                >
                  Bring back
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
