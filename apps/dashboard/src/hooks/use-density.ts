"use client";
import { useCallback, useSyncExternalStore } from "react";

const DENSITY_KEY = "tabletap.kds.compact";

/** Tickets on the board past which it turns compact by itself (unless staff chose). */
const AUTO_COMPACT_AFTER = 9;

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

const readChoice = () => window.localStorage.getItem(DENSITY_KEY);

/**
 * Whether the board shows compact tickets: what staff chose on this screen (remembered in
 * localStorage), else compact once more than `AUTO_COMPACT_AFTER` tickets are on the board.
 */
export function useDensity(ticketCount: number): [compact: boolean, setCompact: (on: boolean) => void] {
  const chosen = useSyncExternalStore(subscribe, readChoice, () => null);
  const choose = useCallback((on: boolean) => {
    window.localStorage.setItem(DENSITY_KEY, on ? "on" : "off");
    for (const notify of listeners) notify();
  }, []);
  return [chosen === "on" || chosen === "off" ? chosen === "on" : ticketCount > AUTO_COMPACT_AFTER, choose];
}
