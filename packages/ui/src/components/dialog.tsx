"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";

/**
 * A modal dialog on Radix Dialog: focus moves into it on open and is trapped there, Escape or a
 * click on the backdrop closes it, focus returns to the opener, the page behind is inert and
 * does not scroll. It is named by its {@link DialogTitle} (required) and described by its
 * {@link DialogDescription}. Controlled (`open`/`onOpenChange`) or not (a {@link DialogTrigger}).
 */
export const Dialog = DialogPrimitive.Root;
/** The element that opens the dialog (use `asChild` to make your own button the trigger). */
export const DialogTrigger = DialogPrimitive.Trigger;
/** Closes the dialog when activated (use `asChild` with a {@link Button}). */
export const DialogClose = DialogPrimitive.Close;

/** The dimmed backdrop behind a dialog or sheet. */
export function DialogOverlay({ className, ...props }: ComponentProps<typeof DialogPrimitive.Overlay>) {
  return (
    <DialogPrimitive.Overlay
      data-slot="dialog-overlay"
      className={cn("bg-overlay data-[state=open]:animate-fade-in fixed inset-0 z-50", className)}
      {...props}
    />
  );
}

/** The dialog box, centred, in a portal with its {@link DialogOverlay}. */
export function DialogContent({ className, children, ...props }: ComponentProps<typeof DialogPrimitive.Content>) {
  return (
    <DialogPrimitive.Portal>
      <DialogOverlay />
      <DialogPrimitive.Content
        data-slot="dialog-content"
        className={cn(
          "border-border-strong bg-surface text-foreground shadow-overlay focus-visible:focus-ring data-[state=open]:animate-fade-in fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[min(100%-2rem,34rem)] -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-xl border p-6",
          className,
        )}
        {...props}
      >
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/** The dialog's heading; it is the dialog's accessible name. */
export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return (
    <DialogPrimitive.Title data-slot="dialog-title" className={cn("text-xl font-extrabold", className)} {...props} />
  );
}

/** The dialog's explanatory text; screen readers read it after the title. */
export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return (
    <DialogPrimitive.Description
      data-slot="dialog-description"
      className={cn("text-muted-foreground", className)}
      {...props}
    />
  );
}

/** The dialog's action row: buttons right-aligned, wrapping on narrow screens. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="dialog-footer" className={cn("flex flex-wrap justify-end gap-3", className)} {...props} />;
}
