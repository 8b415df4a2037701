import type { OrderLineView } from "@tabletap/core";
import { cn } from "@tabletap/ui/cn";
import { EightySixButton } from "./eighty-six-button";
import { stationHue, stationLabel } from "./station";

/** A station's bump control for a line (station views only). */
export interface LineBump {
  /** The button's accessible name, e.g. "Bump 2× Butter Naan, order #042 for T3". */
  accessibleName: string;
  pending: boolean;
  onBump: () => void;
}

/**
 * One ticket line: quantity ×, name, modifiers grouped by their group, the guest's note, and its
 * station (or, in a station view, a Bump button). A bumped line is ticked and dimmed.
 */
export function TicketLine({ line, bump }: { line: OrderLineView; bump?: LineBump }) {
  const groups = new Map<string, string[]>();
  for (const modifier of line.modifiers)
    groups.set(modifier.groupName, [...(groups.get(modifier.groupName) ?? []), modifier.name]);
  const done = line.doneAt !== null;
  return (
    <li className={cn("line", done && "opacity-60")} data-done={done || undefined}>
      <span className={cn("line-qty", line.quantity > 1 && "line-qty--many")}>{line.quantity}×</span>
      <span className={cn("line-name", done && "line-through")}>
        {line.name}
        {done ? (
          <span className="text-success ml-2 inline-block" aria-label="done">
            ✓
          </span>
        ) : null}
      </span>
      <EightySixButton menuItemId={line.menuItemId} name={line.name} />
      {bump && !done ? (
        <button
          type="button"
          className="btn btn-sm btn-primary min-w-[5.5rem]"
          aria-label={bump.accessibleName}
          disabled={bump.pending}
          onClick={bump.onBump}
        >
          {bump.pending ? "Bumping…" : "Bump"}
        </button>
      ) : (
        <span className={`station-tag station-hue-${stationHue(line.station)}`}>
          <span className="sr-only">Station: </span>
          {stationLabel(line.station)}
        </span>
      )}
      {groups.size > 0 ? (
        <ul className="line-mods">
          {[...groups].map(([group, names]) => (
            <li key={group}>
              <span className="line-mod-group">{group}:</span> {names.join(", ")}
            </li>
          ))}
        </ul>
      ) : null}
      {line.notes ? (
        <p className="line-note">
          <span className="line-note-tag">Note</span> {line.notes}
        </p>
      ) : null}
    </li>
  );
}
