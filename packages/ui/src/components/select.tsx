"use client";
import * as SelectPrimitive from "@radix-ui/react-select";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";
import { useFieldControlProps } from "./field";
import { controlClasses } from "./input";

/**
 * A select built on Radix Select: a button (`role="combobox"`) that opens a listbox, with
 * typeahead, arrow keys, Home/End and Escape. Compose it like the native element:
 *
 *   <Field label="Station"><Select value={v} onValueChange={setV}>
 *     <SelectTrigger><SelectValue placeholder="All stations" /></SelectTrigger>
 *     <SelectContent><SelectItem value="tandoor">Tandoor</SelectItem></SelectContent>
 *   </Select></Field>
 *
 * Pass `name` to submit the value with a form (Radix renders a hidden native select).
 */
export const Select = SelectPrimitive.Root;
/** A group of options under a {@link SelectLabel}. */
export const SelectGroup = SelectPrimitive.Group;
/** The chosen option's text (or the `placeholder`) inside the trigger. */
export const SelectValue = SelectPrimitive.Value;

/** The select's button; inside a {@link Field} it is labelled by the field's label and wired to its description and error. */
export function SelectTrigger({ className, children, ...props }: ComponentProps<typeof SelectPrimitive.Trigger>) {
  const field = useFieldControlProps();
  return (
    <SelectPrimitive.Trigger
      data-slot="select-trigger"
      className={cn(
        controlClasses,
        "data-placeholder:text-subtle-foreground items-center justify-between gap-2 text-left",
        className,
      )}
      {...field}
      {...props}
    >
      {children}
      <SelectPrimitive.Icon aria-hidden className="text-muted-foreground">
        ▾
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

/** The list of options, in a portal under the trigger (`position="popper"`), scrolling when long. */
export function SelectContent({
  className,
  children,
  position = "popper",
  ...props
}: ComponentProps<typeof SelectPrimitive.Content>) {
  return (
    <SelectPrimitive.Portal>
      <SelectPrimitive.Content
        data-slot="select-content"
        position={position}
        className={cn(
          "border-border-strong bg-surface text-foreground shadow-card z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-md border",
          className,
        )}
        {...props}
      >
        <SelectPrimitive.Viewport className="p-1">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  );
}

/** A group heading inside {@link SelectContent}. */
export function SelectLabel({ className, ...props }: ComponentProps<typeof SelectPrimitive.Label>) {
  return (
    <SelectPrimitive.Label
      className={cn("text-muted-foreground px-3 py-1.5 text-sm font-semibold", className)}
      {...props}
    />
  );
}

/** One option; its text is what the trigger shows once chosen. The chosen option is marked with a tick. */
export function SelectItem({ className, children, ...props }: ComponentProps<typeof SelectPrimitive.Item>) {
  return (
    <SelectPrimitive.Item
      data-slot="select-item"
      className={cn(
        "data-highlighted:bg-primary-soft data-highlighted:text-primary-soft-foreground relative flex min-h-11 cursor-default items-center rounded-sm py-2 pr-3 pl-8 outline-none select-none data-disabled:opacity-50",
        className,
      )}
      {...props}
    >
      <SelectPrimitive.ItemIndicator className="absolute left-2.5" aria-hidden>
        ✓
      </SelectPrimitive.ItemIndicator>
      <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
    </SelectPrimitive.Item>
  );
}
