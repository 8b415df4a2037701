"use client";
import { useCallback, useEffect, useState } from "react";

/** How long a toast stays up, ms. */
const TOAST_MS = 2600;

/** A short message for a polite live region ("Added Butter Naan"), cleared after 2.6 s. */
export function useToast() {
  const [toast, setToast] = useState<{ id: number; text: string } | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);
  const show = useCallback((text: string) => setToast({ id: Date.now(), text }), []);
  return { toast, show };
}
