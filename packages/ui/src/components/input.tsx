"use client";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";
import { useFieldControlProps } from "./field";

/** The look shared by text inputs and select triggers: 44px tall, a 3:1 outline, red when invalid. */
export const controlClasses =
  "flex min-h-11 w-full rounded-md border-[1.5px] border-border-strong bg-surface px-3 py-2 text-base text-foreground placeholder:text-subtle-foreground focus-visible:focus-ring focus-visible:border-ring aria-invalid:border-danger disabled:cursor-not-allowed disabled:opacity-60";

/**
 * A text input. Inside a {@link Field} it takes the field's id, `aria-describedby` and
 * `aria-invalid` (explicit props win); alone, give it an `aria-label` or your own `<label>`.
 * Text is 16px, so iOS Safari does not zoom into it.
 */
export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  const field = useFieldControlProps();
  return <input data-slot="input" type={type} className={cn(controlClasses, className)} {...field} {...props} />;
}
