import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names (strings, arrays, `{ class: condition }` objects, as `clsx` accepts) and
 * lets later Tailwind utilities override earlier conflicting ones (`cn("px-4", "px-2")` is
 * `"px-2"`), so a caller's `className` always wins over a primitive's defaults.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
