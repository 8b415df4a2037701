"use client";
import { ticketUrgency } from "@tabletap/core/order-status";
import { describeAge, formatAge } from "@/lib/tickets";
import { useNow } from "@/hooks/use-clock";

/** The kitchen's time of day: "6:02 pm". */
export const timeOfDay = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit" });

/** How long ago the order was placed, ticking every second: amber, then red and "Late" (core's `ticketUrgency`). */
export function AgeTimer({ placedAt, serverNow }: { placedAt: string; serverNow: number }) {
  const now = useNow(serverNow);
  const placed = Date.parse(placedAt);
  const age = now - placed;
  const urgency = ticketUrgency(age);
  return (
    <span className={`age age--${urgency}`} title={`Placed at ${timeOfDay.format(placed)}`} suppressHydrationWarning>
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

/** The wall clock in the header. */
export function WallClock({ serverNow }: { serverNow: number }) {
  const now = useNow(serverNow);
  return (
    <time className="wall-clock" dateTime={new Date(now).toISOString()} suppressHydrationWarning>
      {timeOfDay.format(now)}
    </time>
  );
}
