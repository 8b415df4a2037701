"use client";
import type { TableMenuView } from "@tabletap/core";
import { useEffect, useRef, useState } from "react";
import { sectionId } from "./menu-sections";

/** Sticky category chips that scroll to their section and follow the one in view. */
export function CategoryNav({ categories }: { categories: TableMenuView["categories"] }) {
  const [active, setActive] = useState(categories[0]?.id ?? null);
  const navRef = useRef<HTMLElement>(null);
  const scrollingTo = useRef<string | null>(null);

  useEffect(() => {
    const sections = categories
      .map((c) => document.getElementById(sectionId(c.id)))
      .filter((el): el is HTMLElement => !!el);
    if (sections.length === 0 || typeof IntersectionObserver === "undefined") return;
    const visible = new Map<string, boolean>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) visible.set(entry.target.id, entry.isIntersecting);
        if (scrollingTo.current) return;
        const first = sections.find((s) => visible.get(s.id));
        if (first) setActive(first.id.slice("category-".length));
      },
      // The band just below the sticky header and chips.
      { rootMargin: "-120px 0px -55% 0px" },
    );
    for (const section of sections) observer.observe(section);
    return () => observer.disconnect();
  }, [categories]);

  useEffect(() => {
    // Keep the active chip in view inside the horizontally scrolling strip.
    const chip = navRef.current?.querySelector<HTMLElement>(`[data-category="${active}"]`);
    const strip = navRef.current?.querySelector<HTMLElement>(".chips");
    if (!chip || !strip) return;
    const left = chip.offsetLeft - 16;
    const right = chip.offsetLeft + chip.offsetWidth + 16 - strip.clientWidth;
    if (strip.scrollLeft > left) strip.scrollTo({ left, behavior: "smooth" });
    else if (strip.scrollLeft < right) strip.scrollTo({ left: right, behavior: "smooth" });
  }, [active]);

  return (
    <nav ref={navRef} className="category-nav" aria-label="Menu categories">
      <ul className="chips">
        {categories.map((category) => (
          <li key={category.id}>
            <a
              href={`#${sectionId(category.id)}`}
              data-category={category.id}
              className={`chip ${active === category.id ? "chip--active" : ""}`}
              aria-current={active === category.id ? "true" : undefined}
              onClick={(event) => {
                const target = document.getElementById(sectionId(category.id));
                if (!target) return;
                event.preventDefault();
                setActive(category.id);
                scrollingTo.current = category.id;
                const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
                target.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
                target.focus({ preventScroll: true });
                window.setTimeout(() => (scrollingTo.current = null), 700);
                history.replaceState(null, "", `#${sectionId(category.id)}`);
              }}
            >
              {category.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
