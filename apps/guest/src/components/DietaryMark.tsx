import type { DietaryTag } from "@tabletap/core";

/**
 * The Indian food mark: a green square with a dot for vegetarian, a brown square with a
 * triangle for non-vegetarian (FSSAI). Shape as well as colour, so it reads without colour too.
 */
export function DietaryMark({ tags }: { tags: readonly DietaryTag[] }) {
  const veg = tags.includes("veg") || tags.includes("vegan") || tags.includes("jain");
  const nonVeg = tags.includes("non-veg");
  if (!veg && !nonVeg) return null;
  const label = nonVeg ? "Non-vegetarian" : "Vegetarian";
  return (
    <span
      className={`food-mark ${nonVeg ? "food-mark--non-veg" : "food-mark--veg"}`}
      role="img"
      aria-label={label}
      title={label}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <rect x="1" y="1" width="14" height="14" rx="2" fill="#fff" stroke="currentColor" strokeWidth="1.6" />
        {nonVeg ? (
          <path d="M8 3.8 12.2 11.6H3.8Z" fill="currentColor" />
        ) : (
          <circle cx="8" cy="8" r="3.6" fill="currentColor" />
        )}
      </svg>
    </span>
  );
}

const TAG_LABELS: Partial<Record<DietaryTag, string>> = {
  vegan: "Vegan",
  jain: "Jain",
  egg: "Contains egg",
  "gluten-free": "Gluten-free",
  spicy: "Spicy",
};

/** Dietary tags other than the veg / non-veg mark, as small chips. */
export function DietaryTags({ tags }: { tags: readonly DietaryTag[] }) {
  const shown = tags.filter((t) => TAG_LABELS[t]);
  if (shown.length === 0) return null;
  return (
    <ul className="tags" aria-label="Dietary information">
      {shown.map((tag) => (
        <li key={tag} className={`tag tag--${tag}`}>
          {TAG_LABELS[tag]}
        </li>
      ))}
    </ul>
  );
}
