"use client";
import { createContext, useContext, useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "../lib/cn";

/** The ids a {@link Field} gives its control, description and error, for aria wiring. */
export interface FieldIds {
  controlId: string;
  descriptionId: string;
  errorId: string;
  hasDescription: boolean;
  error: ReactNode;
}

const FieldContext = createContext<FieldIds | null>(null);

/**
 * The aria props of the control inside the nearest {@link Field}: `id` (what the label points
 * at), `aria-describedby` (description, then error) and `aria-invalid` when there is an error.
 * Returns `{}` outside a Field, so a control works alone too. Explicit props on the control win.
 */
export function useFieldControlProps(): { id?: string; "aria-describedby"?: string; "aria-invalid"?: true } {
  const field = useContext(FieldContext);
  if (!field) return {};
  const describedBy = [field.hasDescription ? field.descriptionId : null, field.error ? field.errorId : null]
    .filter(Boolean)
    .join(" ");
  return {
    id: field.controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(field.error ? { "aria-invalid": true as const } : {}),
  };
}

/** Props of {@link Field}. */
export type FieldProps = Omit<ComponentProps<"div">, "children"> & {
  /** The visible label; it names the control (`<label for>`). */
  label: ReactNode;
  /** Help text under the label, read after the name by screen readers. */
  description?: ReactNode;
  /** The validation message; when set the control is `aria-invalid` and the message is announced (`role="alert"`). */
  error?: ReactNode;
  /** Base for the generated ids (default: React `useId()`). */
  id?: string;
  /** The control: an {@link Input}, a {@link Select} trigger, or any element that calls {@link useFieldControlProps}. */
  children: ReactNode;
};

/**
 * A labelled form field: label, optional description, the control, optional error message,
 * wired together with `for`/`id`, `aria-describedby` and `aria-invalid` so assistive technology
 * reads "Email, edit text, We send the receipt here, invalid entry, Enter a valid email".
 */
export function Field({ label, description, error, id, className, children, ...props }: FieldProps) {
  const generated = useId();
  const base = id ?? generated;
  const ids: FieldIds = {
    controlId: `${base}-control`,
    descriptionId: `${base}-description`,
    errorId: `${base}-error`,
    hasDescription: description != null,
    error,
  };
  return (
    <FieldContext.Provider value={ids}>
      <div data-slot="field" className={cn("grid gap-1.5", className)} {...props}>
        <label htmlFor={ids.controlId} className="font-semibold">
          {label}
        </label>
        {description != null && (
          <p id={ids.descriptionId} className="text-muted-foreground text-sm">
            {description}
          </p>
        )}
        {children}
        {error ? (
          <p id={ids.errorId} role="alert" className="text-danger text-sm font-semibold">
            {error}
          </p>
        ) : null}
      </div>
    </FieldContext.Provider>
  );
}
