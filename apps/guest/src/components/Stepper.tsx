"use client";

/** A − quantity + control; `label` names what is counted ("Quantity of Butter Naan"). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function Stepper({
  value,
  min,
  max,
  onChange,
  label,
  size = "normal",
}: {
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  label: string;
  size?: "normal" | "small";
}) {
  return (
    <div className={`stepper stepper--${size}`} role="group" aria-label={label}>
      <button
        type="button"
        className="stepper__button"
        aria-label={`Decrease ${lowerFirst(label)}`}
        disabled={value <= min}
        onClick={() => onChange(value - 1)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M5 12h14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
        </svg>
      </button>
      <output className="stepper__value" aria-live="polite">
        {value}
      </output>
      <button
        type="button"
        className="stepper__button"
        aria-label={`Increase ${lowerFirst(label)}`}
        disabled={value >= max}
        onClick={() => onChange(value + 1)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M5 12h14M12 5v14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
