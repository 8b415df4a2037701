"use client";
import { formatMoney } from "@tabletap/core/money";
import { ALLERGENS, DIETARY_TAGS } from "@tabletap/core/dietary";
import type { AdminMenuCategoryView, AdminMenuItemView } from "@tabletap/core/menu-admin";
import { Button } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";

const TAG_LABELS = new Map<string, string>(DIETARY_TAGS.map((tag) => [tag.id, tag.label]));
const ALLERGEN_LABELS = new Map<string, string>(ALLERGENS.map((allergen) => [allergen.id, allergen.label]));

/**
 * A category's items as a dense table: name (opens the editor), price in rupees, station, dietary
 * tags, allergens, modifier groups, and the availability switch (86 or back in one tap).
 */
export function ItemTable({
  category,
  onEdit,
  onToggle,
}: {
  category: AdminMenuCategoryView;
  onEdit: (item: AdminMenuItemView) => void;
  onToggle: (item: AdminMenuItemView, available: boolean) => void;
}) {
  return (
    <Table>
      <TableCaption className="sr-only">Items in {category.name}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Item</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead>Station</TableHead>
          <TableHead>Tags</TableHead>
          <TableHead>Allergens</TableHead>
          <TableHead className="text-right">Modifiers</TableHead>
          <TableHead>Available</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {category.items.map((item) => (
          <TableRow key={item.id} className={cn(!item.available && "bg-surface-muted/60")}>
            <TableCell className="py-1">
              <Button
                variant="link"
                className="text-foreground min-h-11 text-left text-sm font-semibold whitespace-normal"
                onClick={() => onEdit(item)}
              >
                {item.name}
              </Button>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(item.price)}</TableCell>
            <TableCell className="text-muted-foreground">{item.station}</TableCell>
            <TableCell className="text-muted-foreground">
              {item.dietaryTags.map((tag) => TAG_LABELS.get(tag) ?? tag).join(", ") || "—"}
            </TableCell>
            <TableCell className="text-muted-foreground max-w-56">
              {item.allergens.map((id) => ALLERGEN_LABELS.get(id) ?? id).join(", ") || "—"}
            </TableCell>
            <TableCell className="text-muted-foreground text-right tabular-nums">
              {item.modifierGroups.length || "—"}
            </TableCell>
            <TableCell className="py-1">
              <AvailabilitySwitch item={item} onToggle={onToggle} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A switch (`role="switch"`): on = available, off = 86'd. Labelled with the item's name and its state in words. */
function AvailabilitySwitch({
  item,
  onToggle,
}: {
  item: AdminMenuItemView;
  onToggle: (item: AdminMenuItemView, available: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={item.available}
      aria-label={`${item.name} available`}
      onClick={() => onToggle(item, !item.available)}
      className="focus-visible:focus-ring flex min-h-11 cursor-pointer items-center gap-2 rounded-md border-0 bg-transparent px-1 text-sm"
    >
      <span
        aria-hidden
        className={cn(
          "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 transition-colors",
          item.available ? "border-success bg-success" : "border-border-strong bg-surface-muted",
        )}
      >
        <span
          className={cn(
            "bg-foreground inline-block size-4 rounded-full transition-transform",
            item.available ? "bg-success-foreground translate-x-5" : "translate-x-0.5",
          )}
        />
      </span>
      <span className={cn("w-14 text-left font-semibold", item.available ? "text-success" : "text-danger")}>
        {item.available ? "On" : "86'd"}
      </span>
    </button>
  );
}
