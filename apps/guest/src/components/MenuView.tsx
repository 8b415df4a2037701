"use client";
import { allergenLabel } from "@tabletap/core/dietary";
import type { MenuItemView, TableMenuView } from "@tabletap/core";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { money } from "@/lib/format";
import { DietaryMark, DietaryTags } from "./DietaryMark";
import { MenuPhoto } from "./MenuPhoto";
import { sectionId } from "./menu-sections";

// The chips are links that work before their script loads (anchors): the scroll-following part
// comes after hydration, outside the page's first-load budget.
const CategoryNav = lazy(() => import("./CategoryNav").then((m) => ({ default: m.CategoryNav })));

/**
 * An item's description, clamped to three lines (CSS) with a "More" button that shows the rest,
 * offered only when the text is actually cut off (measured after layout).
 */
function Description({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [clamped, setClamped] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (el) setClamped(el.scrollHeight > el.clientHeight + 1);
  }, [text]);
  return (
    <>
      <p ref={ref} className={`item__description ${open ? "item__description--open" : ""}`}>
        {text}
      </p>
      {(clamped || open) && (
        <button type="button" className="link-button item__more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Less" : "More"}
        </button>
      )}
    </>
  );
}

/** One item on the menu: mark, name, price, description, tags, allergens, "Add" (or "Sold out"), photo. */
export function ItemCard({
  item,
  currency,
  inCart,
  onAdd,
}: {
  item: MenuItemView;
  currency: string;
  inCart: number;
  onAdd: (item: MenuItemView) => void;
}) {
  const titleId = `item-${item.id}`;
  const customisable = item.modifierGroups.length > 0;
  return (
    <article className={`item ${item.available ? "" : "item--sold-out"}`} aria-labelledby={titleId}>
      <div className="item__body">
        <h3 id={titleId} className="item__name">
          <DietaryMark tags={item.dietaryTags} />
          <span>{item.name}</span>
        </h3>
        <p className="item__price price">{money(item.price, currency)}</p>
        {item.description && <Description text={item.description} />}
        <DietaryTags tags={item.dietaryTags} />
        {item.allergens.length > 0 && (
          <p className="allergens">Contains: {item.allergens.map(allergenLabel).join(", ")}</p>
        )}
      </div>
      <div className="item__action">
        {item.photo && <MenuPhoto photo={item.photo} sizes="96px" variant="thumb" />}
        {item.available ? (
          <>
            <button
              type="button"
              className="button button--add"
              aria-label={`Add ${item.name}`}
              aria-haspopup={customisable ? "dialog" : undefined}
              onClick={() => onAdd(item)}
            >
              Add
              <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
              </svg>
            </button>
            {customisable && <span className="item__note">Customisable</span>}
            {inCart > 0 && <span className="item__in-cart">{inCart} in cart</span>}
          </>
        ) : (
          <span className="sold-out">Sold out</span>
        )}
      </div>
    </article>
  );
}

/** The menu by category, with the sticky category chips. */
export function MenuView({
  menu,
  quantities,
  onAdd,
}: {
  menu: TableMenuView;
  quantities: ReadonlyMap<string, number>;
  onAdd: (item: MenuItemView) => void;
}) {
  const categories = menu.categories.filter((c) => c.items.length > 0);
  if (categories.length === 0) {
    return (
      <div className="empty">
        <p className="empty__title">The menu is being updated</p>
        <p>There&apos;s nothing to order just yet. Please ask a member of staff, or try again in a few minutes.</p>
      </div>
    );
  }
  return (
    <>
      <Suspense fallback={null}>
        <CategoryNav categories={categories} />
      </Suspense>
      <div className="menu">
        {categories.map((category) => (
          <section
            key={category.id}
            id={sectionId(category.id)}
            className="menu-section"
            aria-labelledby={`${sectionId(category.id)}-title`}
            tabIndex={-1}
          >
            <h2 id={`${sectionId(category.id)}-title`} className="menu-section__title">
              {category.name}
            </h2>
            {category.description && <p className="menu-section__description">{category.description}</p>}
            <div className="menu-section__items">
              {category.items.map((item) => (
                <ItemCard
                  key={item.id}
                  item={item}
                  currency={menu.restaurant.currency}
                  inCart={quantities.get(item.id) ?? 0}
                  onAdd={onAdd}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
