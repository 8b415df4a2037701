"use client";
import { useFieldControlProps } from "@tabletap/ui/field";
import { controlClasses } from "@tabletap/ui/input";
import { cn } from "@tabletap/ui/cn";
import type { ComponentProps } from "react";

/** A multi-line text input with the look of `Input`, wired to its `Field` like it. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  const field = useFieldControlProps();
  return <textarea className={cn(controlClasses, "min-h-20 text-sm", className)} {...field} {...props} />;
}

/** A labelled checkbox (44px target), for lists of choices inside a fieldset. */
export function Checkbox({ label, className, ...props }: Omit<ComponentProps<"input">, "type"> & { label: string }) {
  return (
    <label className={cn("flex min-h-11 cursor-pointer items-center gap-2 text-sm", className)}>
      <input type="checkbox" className="accent-primary size-4" {...props} />
      {label}
    </label>
  );
}
