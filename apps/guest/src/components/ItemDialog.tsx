"use client";
import { allergenLabel } from "@tabletap/core/dietary";
import type { MenuItemView, ModifierGroupView } from "@tabletap/core";
import { MAX_LINE_NOTES, MAX_LINE_QUANTITY, MIN_LINE_QUANTITY, resolveModifierChoices } from "@tabletap/core/pricing";
import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import type { CartLine } from "@/lib/cart";
import { money } from "@/lib/format";
import { DietaryMark, DietaryTags } from "./DietaryMark";
import { FormField } from "./FormField";
import { MenuPhoto } from "./MenuPhoto";
import { ModifierGroupField } from "./ModifierGroupField";
import { Sheet } from "./Sheet";
import { Stepper } from "./Stepper";

/**
 * The sheet for adding an item with modifier groups: options, quantity, notes, live line price.
 * Choices are checked and priced by core's `resolveModifierChoices`, the rule `priceOrder`
 * applies on the server, and its per-group messages are shown under each group.
 */
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

function ItemForm({
  item,
  currency,
  onAdd,
}: {
  item: MenuItemView;
  currency: string;
  onAdd: (line: Omit<CartLine, "key">) => void;
}) {
  const ids = useId();
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [notes, setNotes] = useState("");
  const [showProblems, setShowProblems] = useState(false);
  const groupRefs = useRef<Record<string, HTMLFieldSetElement | null>>({});

  const chosen = (groupId: string) => picked[groupId] ?? [];
  const choices = useMemo(() => resolveModifierChoices(item, Object.values(picked).flat()), [item, picked]);
  const problemOf = (groupId: string) => choices.problems.find((p) => p.groupId === groupId)?.message ?? null;
  const [firstProblem] = choices.problems;

  function toggle(group: ModifierGroupView, optionId: string, checked: boolean) {
    setPicked((prev) => {
      const current = prev[group.id] ?? [];
      if (group.maxSelect === 1) return { ...prev, [group.id]: checked && optionId ? [optionId] : [] };
      const next = checked
        ? [...current.filter((id) => id !== optionId), optionId]
        : current.filter((id) => id !== optionId);
      return { ...prev, [group.id]: next.slice(0, group.maxSelect) };
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (firstProblem) {
      setShowProblems(true);
      groupRefs.current[firstProblem.groupId]?.querySelector("input")?.focus();
      return;
    }
    // Options in menu order (group order, then option order), as the server snapshots them.
    const optionIds = choices.modifiers.map((m) => m.optionId);
    onAdd({ menuItemId: item.id, quantity, optionIds, notes: notes.trim() });
  }

  return (
    <form className="item-form" onSubmit={onSubmit} noValidate>
      <div className="item-form__intro">
        {item.photo && <MenuPhoto photo={item.photo} sizes="(min-width: 640px) 600px, 100vw" variant="banner" />}
        <div className="item-form__meta">
          <DietaryMark tags={item.dietaryTags} />
          <span className="price">{money(item.price, currency)}</span>
        </div>
        {item.description && <p className="item-form__description">{item.description}</p>}
        <DietaryTags tags={item.dietaryTags} />
        {item.allergens.length > 0 && (
          <p className="allergens">Contains: {item.allergens.map(allergenLabel).join(", ")}</p>
        )}
      </div>

      {item.modifierGroups.map((group) => (
        <ModifierGroupField
          key={group.id}
          idPrefix={ids}
          group={group}
          selected={chosen(group.id)}
          problem={showProblems ? problemOf(group.id) : null}
          currency={currency}
          fieldsetRef={(el) => {
            groupRefs.current[group.id] = el;
          }}
          onToggle={(optionId, checked) => toggle(group, optionId, checked)}
        />
      ))}

      <FormField
        label="Notes for the kitchen"
        optional
        hint={`${notes.length}/${MAX_LINE_NOTES}`}
        hintClassName="field__counter"
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={2}
            maxLength={MAX_LINE_NOTES}
            placeholder="e.g. less oil, no onion"
            value={notes}
            onChange={(e) => setNotes(e.target.value.slice(0, MAX_LINE_NOTES))}
          />
        )}
      </FormField>

      <div className="item-form__actions">
        <Stepper
          value={quantity}
          min={MIN_LINE_QUANTITY}
          max={MAX_LINE_QUANTITY}
          onChange={setQuantity}
          label="Quantity"
        />
        <button type="submit" className="button button--primary item-form__add">
          Add to cart <span aria-hidden="true">·</span> {money(choices.unitPrice * quantity, currency)}
        </button>
      </div>
    </form>
  );
}
