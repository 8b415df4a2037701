"use client";
import { useCallback, useEffect, useState } from "react";

/** A message for staff (a refused move, a dialog overtaken by events). */
export interface Notice {
  id: number;
  text: string;
}

/** How long a notice stays up unless dismissed. */
const SHOW_MS = 10_000;

/** One notice at a time: `showNotice` replaces the current one; it hides itself after 10 s. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const showNotice = useCallback((text: string) => setNotice({ id: Date.now(), text }), []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  useEffect(() => {
    if (!notice) return;
    const hide = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), SHOW_MS);
    return () => clearTimeout(hide);
  }, [notice]);
  return { notice, showNotice, dismissNotice };
}
