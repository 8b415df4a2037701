"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { ALLERGENS, DIETARY_TAGS } from "@tabletap/core/dietary";
import { saveItemInput, type AdminMenuCategoryView, type AdminMenuItemView } from "@tabletap/core/menu-admin";
import { Button } from "@tabletap/ui/button";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@tabletap/ui/select";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@tabletap/ui/sheet";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { AuditTrail } from "../audit-trail";
import { Checkbox, Textarea } from "./form";
import { fromDraft, toDraft, type ItemDraft } from "./item-draft";
import { ItemStock } from "./item-stock";
import { ModifierGroupsEditor } from "./modifier-groups-editor";

/** Which item the editor is open for: an existing one, or a new one in a category. */
export type ItemEditorTarget = { item: AdminMenuItemView } | { newIn: string };

/**
 * The item editor, a sheet from the right: every field of a menu item (price in rupees, stored
 * in paise), its modifier groups, validation messages beside each field (the core schema first,
 * then the server's), and the item's history. `photoSlot` is where the photo uploader goes.
 * Calls `onSaved` with the saved item.
 */
export function ItemEditor({
  target,
  categories,
  stations,
  onClose,
  onSaved,
  photoSlot,
}: {
  target: ItemEditorTarget;
  categories: AdminMenuCategoryView[];
  stations: string[];
  onClose: () => void;
  onSaved: (item: AdminMenuItemView) => void;
  /** The photo uploader of the item (wired by the photo feature); rendered at the top of the form. */
  photoSlot?: ReactNode;
}) {
  const trpc = useTRPC();
  const existing = "item" in target ? target.item : null;
  const [draft, setDraft] = useState<ItemDraft>(() =>
    toDraft(existing, "newIn" in target ? target.newIn : "", stations[0] ?? "kitchen"),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.admin.menu.saveItem.mutationOptions({
      onSuccess: (item) => onSaved(item),
      onError: (error) => setErrors(fieldErrors(error)),
    }),
  );
  const set = (patch: Partial<ItemDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list, value] : list.filter((entry) => entry !== value);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = saveItemInput.safeParse(fromDraft(draft));
    if (!parsed.success) {
      setErrors(issueMessages(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const title = existing ? `Edit ${existing.name}` : "New item";
  const formError = save.isError && Object.keys(fieldErrors(save.error)).length === 0;
  return (
    <Sheet open onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent side="right" className="w-[min(100%,46rem)] p-0">
        <form onSubmit={submit} noValidate className="flex min-h-full flex-col">
          <div className="border-border bg-surface sticky top-0 z-10 flex items-start justify-between gap-3 border-b px-5 py-4">
            <div>
              <SheetTitle className="text-xl font-bold">{title}</SheetTitle>
              <SheetDescription className="text-muted-foreground text-sm">
                Prices in rupees. Changes reach guests&apos; menus as soon as you save.
              </SheetDescription>
            </div>
            <Button variant="ghost" size="icon" aria-label="Close the editor" onClick={onClose}>
              ✕
            </Button>
          </div>

          <div className="flex flex-1 flex-col gap-5 px-5 py-4 text-sm">
            {/* Photo uploader slot: the photo feature's component is passed in as `photoSlot`. */}
            {photoSlot ? (
              <section aria-label="Photo" data-slot="item-photo">
                {photoSlot}
              </section>
            ) : null}

            <Field label="Name" error={errors.name}>
              <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} autoFocus={!existing} />
            </Field>
            <Field label="Description" description="Shown to guests under the name." error={errors.description}>
              <Textarea value={draft.description} onChange={(e) => set({ description: e.target.value })} rows={2} />
            </Field>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Price (₹)" error={errors.price}>
                <Input
                  inputMode="decimal"
                  placeholder="0.00"
                  value={draft.price}
                  onChange={(e) => set({ price: e.target.value })}
                  className="tabular-nums"
                />
              </Field>
              <Field label="Category" error={errors.categoryId}>
                <Select value={draft.categoryId} onValueChange={(categoryId) => set({ categoryId })}>
                  <SelectTrigger>
                    <SelectValue placeholder="Choose a category" />
                  </SelectTrigger>
                  <SelectContent>
                    {categories.map((category) => (
                      <SelectItem key={category.id} value={category.id}>
                        {category.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </Field>
              <Field
                label="Kitchen station"
                description="Where its ticket lines go, e.g. kitchen, tandoor, bar."
                error={errors.station}
              >
                <Input list="menu-stations" value={draft.station} onChange={(e) => set({ station: e.target.value })} />
              </Field>
              <datalist id="menu-stations">
                {stations.map((station) => (
                  <option key={station} value={station} />
                ))}
              </datalist>
              <Field label="Sort order" description="Lowest first within its category." error={errors.sortOrder}>
                <Input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={draft.sortOrder}
                  onChange={(e) => set({ sortOrder: e.target.value })}
                />
              </Field>
            </div>

            <Checkbox
              label="Available — guests can order it (untick to 86 it)"
              checked={draft.available}
              onChange={(e) => set({ available: e.target.checked })}
            />

            <fieldset className="m-0 min-w-0 border-0 p-0">
              <legend className="mb-1 font-semibold">Dietary tags</legend>
              <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
                {DIETARY_TAGS.map((tag) => (
                  <Checkbox
                    key={tag.id}
                    label={tag.label}
                    checked={draft.dietaryTags.includes(tag.id)}
                    onChange={(e) => set({ dietaryTags: toggle(draft.dietaryTags, tag.id, e.target.checked) })}
                  />
                ))}
              </div>
              {errors.dietaryTags ? (
                <p role="alert" className="text-danger text-sm font-semibold">
                  {errors.dietaryTags}
                </p>
              ) : null}
            </fieldset>

            <fieldset className="m-0 min-w-0 border-0 p-0">
              <legend className="mb-1 font-semibold">Allergens</legend>
              <p className="text-muted-foreground mb-1">
                The 14 major allergens (EU FIC Annex II). Tick every one it contains.
              </p>
              <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
                {ALLERGENS.map((allergen) => (
                  <Checkbox
                    key={allergen.id}
                    label={allergen.label}
                    checked={draft.allergens.includes(allergen.id)}
                    onChange={(e) => set({ allergens: toggle(draft.allergens, allergen.id, e.target.checked) })}
                  />
                ))}
              </div>
              {errors.allergens ? (
                <p role="alert" className="text-danger text-sm font-semibold">
                  {errors.allergens}
                </p>
              ) : null}
            </fieldset>

            <ModifierGroupsEditor
              groups={draft.modifierGroups}
              onChange={(modifierGroups) => set({ modifierGroups })}
              errors={errors}
            />

            {existing ? <ItemStock menuItemId={existing.id} stock={existing.stock} /> : null}

            {existing ? (
              <section aria-labelledby="item-history" className="flex flex-col gap-2">
                <h3 id="item-history" className="font-semibold">
                  History
                </h3>
                <AuditTrail entity="menuItem" entityId={existing.id} />
              </section>
            ) : null}
          </div>

          <div className="border-border bg-surface sticky bottom-0 flex flex-wrap items-center justify-end gap-3 border-t px-5 py-3">
            {Object.keys(errors).length > 0 ? (
              <p role="status" className="text-danger mr-auto text-sm font-semibold">
                Check the fields marked in red.
              </p>
            ) : null}
            {formError ? (
              <p role="alert" className="text-danger mr-auto text-sm font-semibold">
                {errorMessage(save.error, "We couldn't save the item. Check the connection and try again.")}
              </p>
            ) : null}
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : existing ? "Save changes" : "Create item"}
            </Button>
          </div>
        </form>
      </SheetContent>
    </Sheet>
  );
}
