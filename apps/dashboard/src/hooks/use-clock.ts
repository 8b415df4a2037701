"use client";
import { useSyncExternalStore } from "react";

/**
 * One shared one-second clock for every timer on the page (a single interval, ticking only
 * while something listens), so all ticket timers change in the same instant.
 */
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getSnapshot = () => now;

/**
 * The current time in ms, updated every second. `serverNow` is what the server rendered with,
 * used while hydrating so the first client render matches the HTML.
 */
export function useNow(serverNow: number): number {
  return useSyncExternalStore(subscribe, getSnapshot, () => serverNow);
}
