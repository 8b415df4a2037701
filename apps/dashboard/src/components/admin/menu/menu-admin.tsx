"use client";
import { errorCode, errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import type { AdminMenuCategoryView, AdminMenuItemView, AdminMenuView } from "@tabletap/core/menu-admin";
import { Button } from "@tabletap/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { AdminNotice, AdminPage } from "../admin-page";
import { CategoryDialog, DeleteCategoryDialog } from "./category-dialogs";
import { ItemEditor, type ItemEditorTarget } from "./item-editor";
import { ItemPhoto } from "./item-photo";
import { ItemTable } from "./item-table";

type Open =
  | { kind: "category"; category: AdminMenuCategoryView | null }
  | { kind: "deleteCategory"; category: AdminMenuCategoryView }
  | { kind: "item"; target: ItemEditorTarget }
  | null;

/** `menu` with `item` replaced by `patch` applied to it. */
function patchItem(menu: AdminMenuView, itemId: string, patch: Partial<AdminMenuItemView>): AdminMenuView {
  return {
    ...menu,
    categories: menu.categories.map((category) => ({
      ...category,
      items: category.items.map((item) => (item.id === itemId ? { ...item, ...patch } : item)),
    })),
  };
}

/**
 * The menu editor (`/admin/menu`): the categories in guest order (create, edit, move up/down,
 * delete), each with its items in a dense table (86 and back in one tap, optimistically), the
 * item editor (with the item's photo, once it is saved), and a line confirming each save.
 */
export function MenuAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.admin.menu.list.queryKey();
  const menu = useQuery(trpc.admin.menu.list.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });

  const availability = useMutation(
    trpc.admin.menu.setAvailability.mutationOptions({
      onMutate: async ({ menuItemId, available }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const before = queryClient.getQueryData(listKey);
        if (before) queryClient.setQueryData(listKey, patchItem(before, menuItemId, { available }));
        return { before };
      },
      onSuccess: (item) => setNotice({ text: `${item.name} is ${item.available ? "back on the menu" : "86'd"}.` }),
      onError: (error, _vars, context) => {
        if (context?.before) queryClient.setQueryData(listKey, context.before);
        setNotice({ text: errorMessage(error, "We couldn't change the availability. Try again."), error: true });
      },
      onSettled: () => void refresh(),
    }),
  );

  const reorder = useMutation(
    trpc.admin.menu.reorderCategories.mutationOptions({
      onMutate: async ({ categoryIds }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const before = queryClient.getQueryData(listKey);
        if (before) {
          const byId = new Map(before.categories.map((category) => [category.id, category]));
          queryClient.setQueryData(listKey, {
            ...before,
            categories: categoryIds.flatMap((id) => byId.get(id) ?? []),
          });
        }
        return { before };
      },
      onError: (error, _vars, context) => {
        if (context?.before) queryClient.setQueryData(listKey, context.before);
        setNotice({ text: errorMessage(error, "We couldn't move the category. Try again."), error: true });
      },
      onSettled: () => void refresh(),
    }),
  );

  const close = () => setOpen(null);
  const saved = (text: string) => {
    setOpen(null);
    setNotice({ text });
    void refresh();
  };

  if (menu.isPending)
    return (
      <Frame>
        <AdminNotice kind="loading">Loading the menu…</AdminNotice>
      </Frame>
    );
  if (menu.isError)
    return (
      <Frame>
        <AdminNotice
          kind="error"
          action={
            <Button size="sm" variant="outline" onClick={() => void menu.refetch()}>
              Try again
            </Button>
          }
        >
          {errorCode(menu.error) === "FORBIDDEN"
            ? "Only a manager can edit the menu."
            : errorMessage(menu.error, "We couldn't load the menu.")}
        </AdminNotice>
      </Frame>
    );

  const { categories, stations } = menu.data;
  const move = (index: number, by: -1 | 1) => {
    const ids = categories.map((category) => category.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate({ categoryIds: ids });
  };
  const editing = open?.kind === "item" && "item" in open.target ? open.target.item : null;

  return (
    <Frame
      actions={
        <>
          <Button variant="outline" onClick={() => setOpen({ kind: "category", category: null })}>
            New category
          </Button>
          {categories.length > 0 ? (
            <Button onClick={() => setOpen({ kind: "item", target: { newIn: categories[0]!.id } })}>New item</Button>
          ) : null}
        </>
      }
    >
      {notice ? (
        <p
          role={notice.error ? "alert" : "status"}
          className={
            notice.error
              ? "border-danger bg-danger-soft text-danger-soft-foreground rounded-md border px-3 py-2 text-sm"
              : "border-success bg-success-soft text-success-soft-foreground rounded-md border px-3 py-2 text-sm"
          }
        >
          {notice.text}
        </p>
      ) : null}

      {categories.length === 0 ? (
        <AdminNotice
          kind="empty"
          action={<Button onClick={() => setOpen({ kind: "category", category: null })}>New category</Button>}
        >
          Your menu is empty. Start with a category, such as “Starters”.
        </AdminNotice>
      ) : null}

      {categories.map((category, index) => (
        <section
          key={category.id}
          aria-labelledby={`category-${category.id}`}
          className="border-border bg-surface rounded-lg border"
        >
          <div className="border-border flex flex-wrap items-center gap-2 border-b px-3 py-2">
            <div className="min-w-0 flex-1">
              <h2 id={`category-${category.id}`} className="text-lg font-bold">
                {category.name}{" "}
                <span className="text-muted-foreground text-sm font-normal">
                  · {category.items.length} item{category.items.length === 1 ? "" : "s"}
                </span>
              </h2>
              {category.description ? (
                <p className="text-muted-foreground truncate text-sm">{category.description}</p>
              ) : null}
            </div>
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${category.name} up`}
              disabled={index === 0 || reorder.isPending}
              onClick={() => move(index, -1)}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${category.name} down`}
              disabled={index === categories.length - 1 || reorder.isPending}
              onClick={() => move(index, 1)}
            >
              ↓
            </Button>
            <Button variant="outline" size="sm" onClick={() => setOpen({ kind: "category", category })}>
              Edit<span className="sr-only"> {category.name}</span>
            </Button>
            <Button
              variant="outline"
              size="sm"
              onClick={() => setOpen({ kind: "item", target: { newIn: category.id } })}
            >
              Add item<span className="sr-only"> to {category.name}</span>
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="text-danger"
              onClick={() => setOpen({ kind: "deleteCategory", category })}
            >
              Delete<span className="sr-only"> {category.name}</span>
            </Button>
          </div>
          {category.items.length === 0 ? (
            <p className="text-muted-foreground px-3 py-4 text-sm">No items yet.</p>
          ) : (
            <ItemTable
              category={category}
              onEdit={(item) => setOpen({ kind: "item", target: { item } })}
              onToggle={(item, available) => availability.mutate({ menuItemId: item.id, available })}
            />
          )}
        </section>
      ))}

      {open?.kind === "category" ? (
        <CategoryDialog
          category={open.category}
          onClose={close}
          onSaved={(category) => saved(`Saved the category “${category.name}”.`)}
        />
      ) : null}
      {open?.kind === "deleteCategory" ? (
        <DeleteCategoryDialog
          category={open.category}
          onClose={close}
          onDeleted={() => saved(`Deleted the category “${open.category.name}”.`)}
        />
      ) : null}
      {open?.kind === "item" ? (
        <ItemEditor
          key={editing?.id ?? "new"}
          target={open.target}
          categories={categories}
          stations={stations}
          onClose={close}
          onSaved={(item) => saved(`Saved “${item.name}”. Guests see it now.`)}
          photoSlot={
            editing ? (
              <ItemPhoto
                menuItemId={editing.id}
                photo={liveItem(menu.data, editing)?.photo ?? null}
                onChange={(photo) => {
                  // The editor stays open; the list (and the photo shown here) refreshes.
                  setNotice({
                    text: photo ? `Saved the photo of “${editing.name}”. Guests see it now.` : "Photo removed.",
                  });
                  void refresh();
                }}
              />
            ) : (
              <p className="text-muted-foreground">Save the item first, then add its photo.</p>
            )
          }
        />
      ) : null}
    </Frame>
  );
}

/** The page frame of the menu editor. */
function Frame({ actions, children }: { actions?: ReactNode; children: ReactNode }) {
  return (
    <AdminPage
      title="Menu"
      description="Categories and items as guests see them. Tap a switch to 86 an item or bring it back."
      actions={actions}
    >
      {children}
    </AdminPage>
  );
}

/** The item as the menu list shows it now (after uploads and saves), or null once it is gone. */
function liveItem(menu: AdminMenuView | undefined, item: AdminMenuItemView): AdminMenuItemView | null {
  return menu?.categories.flatMap((category) => category.items).find((candidate) => candidate.id === item.id) ?? null;
}
