"use client";
import { Button } from "@tabletap/ui/button";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Checkbox } from "./form";
import { newGroup, newOption, type GroupDraft, type OptionDraft } from "./item-draft";

/**
 * The item editor's modifier groups ("Size", "Add-ons"): add and remove groups and their options,
 * the fewest and most choices, each option's price difference in rupees and its availability.
 * `errors` are keyed by path ("modifierGroups.0.options.1.priceDelta"), shown beside each field.
 */
export function ModifierGroupsEditor({
  groups,
  onChange,
  errors,
}: {
  groups: GroupDraft[];
  onChange: (groups: GroupDraft[]) => void;
  errors: Record<string, string>;
}) {
  const setGroup = (index: number, patch: Partial<GroupDraft>) =>
    onChange(groups.map((group, i) => (i === index ? { ...group, ...patch } : group)));
  const setOption = (groupIndex: number, optionIndex: number, patch: Partial<OptionDraft>) =>
    setGroup(groupIndex, {
      options: groups[groupIndex]!.options.map((option, i) => (i === optionIndex ? { ...option, ...patch } : option)),
    });

  return (
    <fieldset className="m-0 flex min-w-0 flex-col gap-3 border-0 p-0">
      <legend className="mb-1 font-semibold">Modifier groups</legend>
      {errors.modifierGroups ? (
        <p role="alert" className="text-danger text-sm font-semibold">
          {errors.modifierGroups}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p className="text-muted-foreground text-sm">No choices: guests order the item as it is.</p>
      ) : null}
      {groups.map((group, g) => {
        const at = `modifierGroups.${g}`;
        const groupName = group.name || `Group ${g + 1}`;
        return (
          <section
            key={group.key}
            aria-label={`Modifier group ${groupName}`}
            className="border-border bg-card flex flex-col gap-3 rounded-lg border p-3"
          >
            <div className="grid grid-cols-[1fr_6rem_6rem] items-start gap-2">
              <Field label="Group name" error={errors[`${at}.name`]} className="text-sm">
                <Input
                  value={group.name}
                  placeholder="Size"
                  onChange={(e) => setGroup(g, { name: e.target.value })}
                  className="min-h-10 text-sm"
                />
              </Field>
              <Field label="Fewest" error={errors[`${at}.minSelect`]} className="text-sm">
                <Input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={group.minSelect}
                  onChange={(e) => setGroup(g, { minSelect: e.target.value })}
                  className="min-h-10 text-sm"
                />
              </Field>
              <Field label="Most" error={errors[`${at}.maxSelect`]} className="text-sm">
                <Input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={group.maxSelect}
                  onChange={(e) => setGroup(g, { maxSelect: e.target.value })}
                  className="min-h-10 text-sm"
                />
              </Field>
            </div>
            <table className="w-full text-sm">
              <caption className="sr-only">Options of {groupName}</caption>
              <thead>
                <tr className="text-muted-foreground text-left">
                  <th scope="col" className="pb-1 font-semibold">
                    Option
                  </th>
                  <th scope="col" className="w-32 pb-1 font-semibold">
                    + Price (₹)
                  </th>
                  <th scope="col" className="w-24 pb-1 font-semibold">
                    Available
                  </th>
                  <th scope="col" className="w-12 pb-1">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.options.map((option, o) => {
                  const optionAt = `${at}.options.${o}`;
                  const optionName = option.name || `option ${o + 1}`;
                  return (
                    <tr key={option.key} className="align-top">
                      <td className="pr-2 pb-2">
                        <Input
                          aria-label={`Name of ${optionName}`}
                          aria-invalid={errors[`${optionAt}.name`] ? true : undefined}
                          value={option.name}
                          onChange={(e) => setOption(g, o, { name: e.target.value })}
                          className="min-h-10 text-sm"
                        />
                        <FieldError message={errors[`${optionAt}.name`]} />
                      </td>
                      <td className="pr-2 pb-2">
                        <Input
                          aria-label={`Price difference of ${optionName}, rupees`}
                          aria-invalid={errors[`${optionAt}.priceDelta`] ? true : undefined}
                          inputMode="decimal"
                          value={option.priceDelta}
                          onChange={(e) => setOption(g, o, { priceDelta: e.target.value })}
                          className="min-h-10 text-right text-sm tabular-nums"
                        />
                        <FieldError message={errors[`${optionAt}.priceDelta`]} />
                      </td>
                      <td className="pb-2">
                        <Checkbox
                          label="Yes"
                          aria-label={`${optionName} available`}
                          checked={option.available}
                          onChange={(e) => setOption(g, o, { available: e.target.checked })}
                          className="min-h-10"
                        />
                      </td>
                      <td className="pb-2">
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Remove ${optionName}`}
                          onClick={() => setGroup(g, { options: group.options.filter((_, i) => i !== o) })}
                        >
                          ✕
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <FieldError message={errors[`${at}.options`]} />
            <div className="flex flex-wrap justify-between gap-2">
              <Button
                variant="outline"
                size="sm"
                onClick={() => setGroup(g, { options: [...group.options, newOption()] })}
              >
                Add option
              </Button>
              <Button
                variant="ghost"
                size="sm"
                className="text-danger"
                onClick={() => onChange(groups.filter((_, i) => i !== g))}
              >
                Remove group {group.name ? `“${group.name}”` : ""}
              </Button>
            </div>
          </section>
        );
      })}
      <Button variant="outline" size="sm" className="self-start" onClick={() => onChange([...groups, newGroup()])}>
        Add modifier group
      </Button>
    </fieldset>
  );
}

/** A validation message under a control that has no `Field` of its own (table cells). */
function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="text-danger mt-1 text-sm font-semibold">
      {message}
    </p>
  ) : null;
}
