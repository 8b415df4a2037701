"use client";
import { useSyncExternalStore } from "react";
import { clockTime } from "@/lib/format";

const subscribeNever = () => () => undefined;

/**
 * An ISO time as the guest's local clock time ("7:42 pm") in a `<time>` element. The server
 * doesn't know the guest's time zone, so it renders the element empty and the browser fills the
 * time in right after hydration (no hydration mismatch).
 */
export function ClockTime({ iso, className }: { iso: string; className?: string }) {
  const inBrowser = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  return (
    <time className={className} dateTime={iso}>
      {inBrowser ? clockTime(iso) : ""}
    </time>
  );
}
