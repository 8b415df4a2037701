import type { ComponentProps } from "react";
import { cn } from "../lib/cn";

/**
 * A data table: native `<table>` semantics (screen readers announce rows, columns and headers),
 * horizontally scrollable on narrow screens inside a labelled region. Give it a
 * {@link TableCaption} (its accessible name) and `<TableHead scope="col">` headers.
 * Numbers should sit in `className="text-right tabular-nums"` cells.
 */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div data-slot="table-container" className="w-full overflow-x-auto">
      <table data-slot="table" className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

/** The table's caption and accessible name (visually at the top; add `sr-only` to hide it). */
export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return (
    <caption
      data-slot="table-caption"
      className={cn("caption-top pb-2 text-left font-semibold", className)}
      {...props}
    />
  );
}

/** The header row group. */
export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("border-border-strong border-b", className)} {...props} />;
}

/** The body row group. */
export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

/** The footer row group (totals). */
export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("border-border-strong border-t font-semibold", className)}
      {...props}
    />
  );
}

/** A row; `data-state="selected"` highlights it. */
export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn("border-border data-[state=selected]:bg-primary-soft border-b", className)}
      {...props}
    />
  );
}

/** A header cell; `scope` defaults to `"col"`. */
export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      scope={scope}
      className={cn("text-muted-foreground px-3 py-2 font-semibold whitespace-nowrap", className)}
      {...props}
    />
  );
}

/** A data cell. */
export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("px-3 py-2 align-middle", className)} {...props} />;
}
