import type { ModifierGroupView } from "@tabletap/core";
import { money } from "@/lib/format";
import { FieldError } from "./FormField";

/** "Choose 1", "Choose up to 3", "Choose 1 to 2", "Choose 2". */
function groupHint(group: ModifierGroupView): string {
  const { minSelect: min, maxSelect: max } = group;
  if (min === 0) return max === 1 ? "Optional, choose 1" : `Choose up to ${max}`;
  if (min === max) return `Choose ${min}`;
  return `Choose ${min} to ${max}`;
}

/**
 * One modifier group of the item form: radios for a pick-one group (with "None" when optional),
 * checkboxes otherwise (the rest disabled once `maxSelect` are chosen), and the group's problem
 * from core's rule (`problem`) when it should show.
 */
export function ModifierGroupField({
  idPrefix,
  group,
  selected,
  problem,
  currency,
  fieldsetRef,
  onToggle,
}: {
  idPrefix: string;
  group: ModifierGroupView;
  selected: readonly string[];
  /** The message to show under the group, or null. */
  problem: string | null;
  currency: string;
  fieldsetRef: (el: HTMLFieldSetElement | null) => void;
  onToggle: (optionId: string, checked: boolean) => void;
}) {
  const single = group.maxSelect === 1;
  const full = !single && selected.length >= group.maxSelect;
  const hintId = `${idPrefix}-${group.id}-hint`;
  const errorId = `${idPrefix}-${group.id}-error`;
  return (
    <fieldset
      ref={fieldsetRef}
      className={`choice-group${problem ? "choice-group--invalid" : ""}`}
      aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
    >
      <legend className="choice-group__legend">
        <span className="choice-group__name">{group.name}</span>
        <span id={hintId} className="choice-group__hint">
          {groupHint(group)}
          {group.minSelect > 0 && <span className="badge">Required</span>}
        </span>
      </legend>
      {single && group.minSelect === 0 && (
        <label className="choice">
          <input
            type="radio"
            name={`${idPrefix}-${group.id}`}
            checked={selected.length === 0}
            onChange={() => onToggle("", false)}
          />
          <span className="choice__name">None</span>
        </label>
      )}
      {group.options.map((option) => {
        const checked = selected.includes(option.id);
        return (
          <label key={option.id} className={`choice${!checked && full ? "choice--disabled" : ""}`}>
            <input
              type={single ? "radio" : "checkbox"}
              name={`${idPrefix}-${group.id}`}
              value={option.id}
              checked={checked}
              disabled={!checked && full}
              onChange={(e) => onToggle(option.id, e.target.checked)}
            />
            <span className="choice__name">{option.name}</span>
            {option.priceDelta > 0 && <span className="choice__price">+{money(option.priceDelta, currency)}</span>}
          </label>
        );
      })}
      {problem && <FieldError id={errorId}>{problem}</FieldError>}
    </fieldset>
  );
}
