"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";
import { DialogOverlay } from "./dialog";

/**
 * A sheet: a modal dialog that slides in from an edge — on phones from the bottom (item
 * options, the cart), on wide screens from the side (a detail panel). Same behaviour as
 * {@link Dialog} (focus trapped and returned, Escape closes, named by {@link SheetTitle}).
 */
export const Sheet = DialogPrimitive.Root;
/** The element that opens the sheet. */
export const SheetTrigger = DialogPrimitive.Trigger;
/** Closes the sheet when activated. */
export const SheetClose = DialogPrimitive.Close;
/** The sheet's heading and accessible name. */
export const SheetTitle = DialogPrimitive.Title;
/** The sheet's explanatory text. */
export const SheetDescription = DialogPrimitive.Description;

const sheetVariants = cva(
  "bg-surface text-foreground shadow-overlay focus-visible:focus-ring fixed z-50 flex flex-col overflow-y-auto",
  {
    variants: {
      side: {
        bottom:
          "data-[state=open]:animate-slide-up inset-x-0 bottom-0 max-h-[90dvh] rounded-t-xl pb-[env(safe-area-inset-bottom)]",
        right: "border-border data-[state=open]:animate-fade-in inset-y-0 right-0 w-[min(100%,28rem)] border-l",
        left: "border-border data-[state=open]:animate-fade-in inset-y-0 left-0 w-[min(100%,28rem)] border-r",
      },
    },
    defaultVariants: { side: "bottom" },
  },
);

/** The sheet panel, in a portal with the backdrop; `side` picks the edge (default bottom). */
export function SheetContent({
  className,
  side,
  children,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & VariantProps<typeof sheetVariants>) {
  return (
    <DialogPrimitive.Portal>
      <DialogOverlay />
      <DialogPrimitive.Content data-slot="sheet-content" className={cn(sheetVariants({ side }), className)} {...props}>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
