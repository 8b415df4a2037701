"use client";
import type { ComponentProps } from "react";
import { Toaster as Sonner, toast } from "sonner";

/**
 * Toasts, on `sonner`: render one {@link Toaster} near the root of the app, then call
 * `toast("Saved")`, `toast.success(...)`, `toast.error(...)` from anywhere. Toasts are announced
 * by screen readers (an `aria-live` region), pause while hovered or focused, and can be reached
 * with Alt+T (sonner's hotkey). Keep the text short and never the only place an error shows.
 */
export { toast };

/** The region toasts appear in, styled with the app theme's inverse colours (bottom centre by default). */
export function Toaster({ position = "bottom-center", toastOptions, ...props }: ComponentProps<typeof Sonner>) {
  return (
    <Sonner
      position={position}
      toastOptions={{
        ...toastOptions,
        classNames: {
          toast: "!bg-inverse !text-inverse-foreground !border-0 !rounded-md !font-sans !text-base !shadow-raised",
          description: "!text-inverse-foreground/85",
          ...toastOptions?.classNames,
        },
      }}
      {...props}
    />
  );
}
