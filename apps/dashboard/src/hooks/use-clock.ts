"use client";
import { formatTimeOfDay } from "@tabletap/core/business-date";
import { createContext, useContext, useSyncExternalStore } from "react";

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

/** A time of day in the browser's own zone: "6:02 pm" (screens that don't know the restaurant's zone). */
const browserTimeOfDay = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit" });

/**
 * The restaurant's time zone (IANA) for every clock and time below it: a string once known, null
 * while it isn't (the first read of the board failed), so no clock shows the browser's zone first.
 * Screens without a provider show the browser's zone.
 */
const TimeZoneContext = createContext<string | null | undefined>(undefined);
export const RestaurantTimeZone = TimeZoneContext.Provider;

/**
 * Formats an instant (ms since the epoch, UTC) as a time of day on the restaurant's clock
 * ("6:02 pm", core's `formatTimeOfDay`), or null while its zone isn't known. The server and the
 * browser give the same text, so server-rendered times hydrate unchanged.
 */
export function useTimeOfDay(): ((at: number) => string) | null {
  const timeZone = useContext(TimeZoneContext);
  if (timeZone === undefined) return (at) => browserTimeOfDay.format(at);
  if (timeZone === null) return null;
  return (at) => formatTimeOfDay(at, timeZone);
}
