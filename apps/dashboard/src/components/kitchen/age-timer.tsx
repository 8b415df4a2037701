"use client";
import { ticketUrgency } from "@tabletap/core/order-status";
import { describeAge, formatAge } from "@/lib/tickets";
import { useNow, useTimeOfDay } from "@/hooks/use-clock";

/** The kitchen's time of day in the browser's zone: "6:02 pm" (for screens that don't know the restaurant's). */
export const timeOfDay = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit" });

/** How long ago the order was placed, ticking every second: amber, then red and "Late" (core's `ticketUrgency`). */
export function AgeTimer({ placedAt, serverNow }: { placedAt: string; serverNow: number }) {
  const now = useNow(serverNow);
  const format = useTimeOfDay();
  const placed = Date.parse(placedAt);
  const age = now - placed;
  const urgency = ticketUrgency(age);
  return (
    <span className={`age age--${urgency}`} title={format ? `Placed at ${format(placed)}` : undefined}>
      <time dateTime={placedAt} aria-hidden="true" className="age-digits">
        {formatAge(age)}
      </time>
      {urgency === "late" ? (
        <span className="age-flag" aria-hidden="true">
          Late
        </span>
      ) : null}
      <span className="sr-only">
        {urgency === "late" ? "Late: " : ""}waiting {describeAge(age)}
      </span>
    </span>
  );
}

/**
 * The wall clock in the header, on the restaurant's clock (`RestaurantTimeZone`) from the server's
 * render on: the first client render uses the server's instant, so the text hydrates unchanged.
 * A dash while the zone isn't known, never the browser's time.
 */
export function WallClock({ serverNow }: { serverNow: number }) {
  const now = useNow(serverNow);
  const format = useTimeOfDay();
  return (
    <time
      className="wall-clock"
      dateTime={new Date(now).toISOString()}
      aria-label={format ? undefined : "Clock loading"}
    >
      {format ? format(now) : "–:––"}
    </time>
  );
}
