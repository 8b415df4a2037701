import { useId, type ReactNode } from "react";

/** The props {@link FormField} gives its control: what the label points at, and the aria wiring. */
export interface FormFieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * A field's validation message, announced as it appears (`role="alert"`), with the guest's "!"
 * mark. `id` is what the control's (or fieldset's) `aria-describedby` points at.
 */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="field__error">
      {children}
    </p>
  );
}

/**
 * A labelled form field in the guest's look: the label (with "(optional)" when `optional`), the
 * control, a hint under it, the error (`role="alert"`) and a status notice (`role="status"`).
 * Wired like `@tabletap/ui`'s `Field` (the label's `for` is the control's `id`; the control is
 * `aria-describedby` the hint, then the error, and `aria-invalid` while there is an error), so a
 * screen reader reads "Mobile number, edit text, We'll text you a 6-digit code, Enter your mobile
 * number". `children` renders the control (an `<input>` or `<textarea>`) with the given props.
 *
 * Local rather than `@tabletap/ui/field`: the ui primitives merge classes with `tailwind-merge`
 * (about 10 kB gzipped), which the table page's 150 kB first-load budget has no room for.
 */
export function FormField({
  label,
  optional = false,
  hint,
  hintClassName,
  error,
  notice,
  children,
}: {
  label: ReactNode;
  optional?: boolean;
  /** Help under the control (e.g. a character counter). */
  hint?: ReactNode;
  /** Extra classes for the hint (`field__counter` right-aligns a counter). */
  hintClassName?: string;
  error?: ReactNode;
  /** A non-error message under the control, announced politely (e.g. "Code sent again"). */
  notice?: ReactNode;
  children: (control: FormFieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint != null ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
        {optional && (
          <>
            {" "}
            <span className="field__optional">(optional)</span>
          </>
        )}
      </label>
      {children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": true as const } : {}),
      })}
      {hint != null && (
        <p id={hintId} className={hintClassName ? `field__hint ${hintClassName}` : "field__hint"}>
          {hint}
        </p>
      )}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {notice ? (
        <p role="status" className="field__notice">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
