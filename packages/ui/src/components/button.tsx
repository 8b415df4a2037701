import { Slot } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";

/**
 * The button look, as classes: `buttonVariants({ variant, size })`. Exported for links that
 * must look like buttons (`<a className={buttonVariants()}>`). Every size is at least 44px tall
 * (WCAG 2.5.8 target size, with room to spare on phones); disabled buttons keep their label
 * readable and show a not-allowed cursor.
 */
export const buttonVariants = cva(
  "focus-visible:focus-ring inline-flex cursor-pointer items-center justify-center gap-2 rounded-md border-2 border-transparent font-bold whitespace-nowrap transition-[filter,transform] duration-100 select-none active:translate-y-px disabled:pointer-events-none disabled:opacity-60",
  {
    variants: {
      variant: {
        primary: "bg-primary text-primary-foreground hover:brightness-110",
        secondary: "bg-surface-muted text-foreground border-border-strong hover:brightness-95",
        outline: "text-foreground border-border-strong hover:bg-surface-muted bg-transparent",
        ghost: "text-foreground hover:bg-surface-muted bg-transparent",
        danger: "bg-danger-solid text-danger-solid-foreground hover:brightness-110",
        link: "text-primary-strong min-h-0 border-0 bg-transparent px-0 underline underline-offset-4",
      },
      size: {
        sm: "min-h-11 px-3 text-sm",
        md: "min-h-11 px-4 text-base",
        lg: "min-h-13 px-5 text-lg",
        icon: "size-11 p-0",
      },
    },
    defaultVariants: { variant: "primary", size: "md" },
  },
);

/** Props of {@link Button}: a native `<button>`'s, plus the variant, size and `asChild`. */
export type ButtonProps = ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    /** Render the single child element (e.g. a Next `<Link>`) with the button's look and props instead of a `<button>`. */
    asChild?: boolean;
  };

/**
 * A button. `type` defaults to `"button"` (not the HTML default `"submit"`), so a button inside
 * a form only submits when asked to with `type="submit"`. The accessible name is its text; an
 * icon-only button (`size="icon"`) needs an `aria-label`.
 */
export function Button({ className, variant, size, asChild = false, type, ...props }: ButtonProps) {
  const Comp = asChild ? Slot : "button";
  return (
    <Comp
      data-slot="button"
      type={asChild ? type : (type ?? "button")}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    />
  );
}
