import type { OrderLineView } from "@tabletap/core";
import { EightySixButton } from "./eighty-six-button";
import { stationHue, stationLabel } from "./station";

/** One ticket line: quantity ×, name, modifiers grouped by their group, the guest's note, station. */
export function TicketLine({ line }: { line: OrderLineView }) {
  const groups = new Map<string, string[]>();
  for (const modifier of line.modifiers)
    groups.set(modifier.groupName, [...(groups.get(modifier.groupName) ?? []), modifier.name]);
  return (
    <li className="line">
      <span className={`line-qty${line.quantity > 1 ? "line-qty--many" : ""}`}>{line.quantity}×</span>
      <span className="line-name">{line.name}</span>
      <EightySixButton menuItemId={line.menuItemId} name={line.name} />
      <span className={`station-tag station-hue-${stationHue(line.station)}`}>
        <span className="sr-only">Station: </span>
        {stationLabel(line.station)}
      </span>
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
