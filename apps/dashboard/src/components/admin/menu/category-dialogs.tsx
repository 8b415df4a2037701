"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { saveCategoryInput, type AdminCategoryView, type AdminMenuCategoryView } from "@tabletap/core/menu-admin";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AuditTrail } from "../audit-trail";
import { Textarea } from "./form";

/**
 * Creates (no `category`) or edits a category: its name and description, validated with the core
 * schema and then by the server (a duplicate name shows beside the name); its history when it exists.
 */
export function CategoryDialog({
  category,
  onClose,
  onSaved,
}: {
  category: AdminMenuCategoryView | null;
  onClose: () => void;
  onSaved: (category: AdminCategoryView) => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState(category?.name ?? "");
  const [description, setDescription] = useState(category?.description ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.admin.menu.saveCategory.mutationOptions({
      onSuccess: onSaved,
      onError: (error) => setErrors(fieldErrors(error)),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = saveCategoryInput.safeParse({ ...(category ? { id: category.id } : {}), name, description });
    if (!parsed.success) return setErrors(issueMessages(parsed.error));
    setErrors({});
    save.mutate(parsed.data);
  }

  const formError = save.isError && Object.keys(fieldErrors(save.error)).length === 0;
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="w-[min(100%-2rem,36rem)]">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <DialogTitle>{category ? `Edit ${category.name}` : "New category"}</DialogTitle>
          <DialogDescription className="text-sm">Categories are the sections of the guest menu.</DialogDescription>
          <Field label="Name" error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </Field>
          <Field label="Description" description="Optional, shown under the name." error={errors.description}>
            <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </Field>
          {formError ? (
            <p role="alert" className="text-danger text-sm font-semibold">
              {errorMessage(save.error, "We couldn't save the category. Check the connection and try again.")}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : category ? "Save changes" : "Create category"}
            </Button>
          </DialogFooter>
          {category ? (
            <section aria-labelledby="category-history" className="flex flex-col gap-2 text-sm">
              <h3 id="category-history" className="font-semibold">
                History
              </h3>
              <AuditTrail entity="menuCategory" entityId={category.id} />
            </section>
          ) : null}
        </form>
      </DialogContent>
    </Dialog>
  );
}

/**
 * Asks before deleting a category. A category that still holds items can't be deleted: the
 * dialog says so instead of offering the button (the server refuses it too).
 */
export function DeleteCategoryDialog({
  category,
  onClose,
  onDeleted,
}: {
  category: AdminMenuCategoryView;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.admin.menu.deleteCategory.mutationOptions({ onSuccess: onDeleted }));
  const held = category.items.length;
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent role="alertdialog">
        <DialogTitle>Delete “{category.name}”?</DialogTitle>
        <DialogDescription className="text-sm">
          {held > 0
            ? `It still holds ${held === 1 ? "1 item" : `${held} items`}. Move ${held === 1 ? "it" : "them"} to another category or delete ${held === 1 ? "it" : "them"} first.`
            : "Guests will no longer see this section. This can't be undone."}
        </DialogDescription>
        {remove.isError ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errorMessage(remove.error, "We couldn't delete the category. Check the connection and try again.")}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {held > 0 ? "Close" : "Cancel"}
          </Button>
          {held === 0 ? (
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ categoryId: category.id })}
            >
              {remove.isPending ? "Deleting…" : "Delete category"}
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
