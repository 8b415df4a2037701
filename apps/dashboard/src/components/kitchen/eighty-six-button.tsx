"use client";
import { useKitchenStock } from "@/hooks/use-kitchen-stock";

/**
 * One tap 86's a ticket line's item (`kitchen.setAvailability`): guests' open menus show it sold
 * out at once; it sits under the line's quantity (the line's grid). Shows "86'd" (disabled) once it
 * is; bringing it back is in the kitchen's stock strip.
 */
export function EightySixButton({ menuItemId, name }: { menuItemId: string; name: string }) {
  const { query, setAvailable, pending } = useKitchenStock();
  const out = query.data?.some((item) => item.id === menuItemId && !item.available) ?? false;
  const busy = pending?.menuItemId === menuItemId && !pending.optionId;
  return (
    <button
      type="button"
      className="border-border text-foreground hover:bg-surface ml-auto rounded border px-1.5 text-xs font-semibold disabled:opacity-60"
      aria-label={out ? `${name} is 86'd` : `86 ${name}`}
      title={out ? `${name} is 86'd` : `86 ${name}: guests see it sold out`}
      disabled={out || busy}
      onClick={() => setAvailable({ menuItemId, name }, false)}
    >
      {busy ? "86…" : out ? "86'd" : "86"}
    </button>
  );
}
