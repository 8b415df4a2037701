"use client";
import type { MenuItemView, ModifierGroupView } from "@tabletap/core";
import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { MAX_NOTES, MAX_QUANTITY, MIN_QUANTITY, type CartLine } from "@/lib/cart";
import { money, plural } from "@/lib/format";
import { DietaryMark, DietaryTags } from "./DietaryMark";
import { Sheet } from "./Sheet";
import { Stepper } from "./Stepper";

/** "Choose 1", "Choose up to 3", "Choose 1 to 2", "Choose 2". */
export function groupHint(group: ModifierGroupView): string {
  const { minSelect: min, maxSelect: max } = group;
  if (min === 0) return max === 1 ? "Optional, choose 1" : `Choose up to ${max}`;
  if (min === max) return `Choose ${min}`;
  return `Choose ${min} to ${max}`;
}

function groupProblem(group: ModifierGroupView, picked: number): string | null {
  if (picked < group.minSelect) return group.minSelect === 1 && group.maxSelect === 1 ? `Choose 1 for ${group.name}` : `Choose at least ${plural(group.minSelect, "option")} for ${group.name}`;
  if (picked > group.maxSelect) return `Choose at most ${plural(group.maxSelect, "option")} for ${group.name}`;
  return null;
}

/** The sheet for adding an item with modifier groups: options, quantity, notes, live line price. */
export function ItemDialog({
  item,
  currency,
  onClose,
  onAdd,
}: {
  item: MenuItemView | null;
  currency: string;
  onClose: () => void;
  onAdd: (line: Omit<CartLine, "key">) => void;
}) {
  const titleId = useId();
  return (
    <Sheet open={!!item} onClose={onClose} title={item?.name ?? ""} titleId={titleId}>
      {item && <ItemForm key={item.id} item={item} currency={currency} onAdd={onAdd} />}
    </Sheet>
  );
}

function ItemForm({ item, currency, onAdd }: { item: MenuItemView; currency: string; onAdd: (line: Omit<CartLine, "key">) => void }) {
  const ids = useId();
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [notes, setNotes] = useState("");
  const [showProblems, setShowProblems] = useState(false);
  const groupRefs = useRef<Record<string, HTMLFieldSetElement | null>>({});

  const chosen = (groupId: string) => picked[groupId] ?? [];
  const unitPrice = useMemo(() => {
    let price = item.price;
    for (const group of item.modifierGroups) for (const option of group.options) if ((picked[group.id] ?? []).includes(option.id)) price += option.priceDelta;
    return price;
  }, [item, picked]);
  const problems = item.modifierGroups.map((group) => ({ group, problem: groupProblem(group, chosen(group.id).length) }));
  const firstProblem = problems.find((p) => p.problem);

  function toggle(group: ModifierGroupView, optionId: string, checked: boolean) {
    setPicked((prev) => {
      const current = prev[group.id] ?? [];
      if (group.maxSelect === 1) return { ...prev, [group.id]: checked && optionId ? [optionId] : [] };
      const next = checked ? [...current.filter((id) => id !== optionId), optionId] : current.filter((id) => id !== optionId);
      return { ...prev, [group.id]: next.slice(0, group.maxSelect) };
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (firstProblem) {
      setShowProblems(true);
      groupRefs.current[firstProblem.group.id]?.querySelector("input")?.focus();
      return;
    }
    // Options in menu order (group order, then option order), as the server snapshots them.
    const optionIds = item.modifierGroups.flatMap((group) => group.options.filter((o) => chosen(group.id).includes(o.id)).map((o) => o.id));
    onAdd({ menuItemId: item.id, quantity, optionIds, notes: notes.trim() });
  }

  return (
    <form className="item-form" onSubmit={onSubmit} noValidate>
      <div className="item-form__intro">
        <div className="item-form__meta">
          <DietaryMark tags={item.dietaryTags} />
          <span className="price">{money(item.price, currency)}</span>
        </div>
        {item.description && <p className="item-form__description">{item.description}</p>}
        <DietaryTags tags={item.dietaryTags} />
        {item.allergens.length > 0 && <p className="allergens">Contains: {item.allergens.join(", ")}</p>}
      </div>

      {problems.map(({ group, problem }) => {
        const single = group.maxSelect === 1;
        const selected = chosen(group.id);
        const full = !single && selected.length >= group.maxSelect;
        const hintId = `${ids}-${group.id}-hint`;
        const errorId = `${ids}-${group.id}-error`;
        const showError = showProblems && problem;
        return (
          <fieldset
            key={group.id}
            ref={(el) => {
              groupRefs.current[group.id] = el;
            }}
            className={`choice-group${showError ? " choice-group--invalid" : ""}`}
            aria-describedby={showError ? `${hintId} ${errorId}` : hintId}
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
                <input type="radio" name={`${ids}-${group.id}`} checked={selected.length === 0} onChange={() => toggle(group, "", false)} />
                <span className="choice__name">None</span>
              </label>
            )}
            {group.options.map((option) => {
              const checked = selected.includes(option.id);
              return (
                <label key={option.id} className={`choice${!checked && full ? " choice--disabled" : ""}`}>
                  <input
                    type={single ? "radio" : "checkbox"}
                    name={`${ids}-${group.id}`}
                    value={option.id}
                    checked={checked}
                    disabled={!checked && full}
                    onChange={(e) => toggle(group, option.id, e.target.checked)}
                  />
                  <span className="choice__name">{option.name}</span>
                  {option.priceDelta > 0 && <span className="choice__price">+{money(option.priceDelta, currency)}</span>}
                </label>
              );
            })}
            {showError && (
              <p id={errorId} role="alert" className="field__error">
                {problem}
              </p>
            )}
          </fieldset>
        );
      })}

      <div className="field">
        <label htmlFor={`${ids}-notes`} className="field__label">
          Notes for the kitchen <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id={`${ids}-notes`}
          className="input textarea"
          rows={2}
          maxLength={MAX_NOTES}
          placeholder="e.g. less oil, no onion"
          value={notes}
          onChange={(e) => setNotes(e.target.value.slice(0, MAX_NOTES))}
          aria-describedby={`${ids}-notes-count`}
        />
        <p id={`${ids}-notes-count`} className="field__hint field__counter">
          {notes.length}/{MAX_NOTES}
        </p>
      </div>

      <div className="item-form__actions">
        <Stepper value={quantity} min={MIN_QUANTITY} max={MAX_QUANTITY} onChange={setQuantity} label="Quantity" />
        <button type="submit" className="button button--primary item-form__add">
          Add to cart{" "}
          <span aria-hidden="true">·</span> {money(unitPrice * quantity, currency)}
        </button>
      </div>
    </form>
  );
}
