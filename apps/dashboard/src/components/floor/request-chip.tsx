"use client";
import type { ServiceRequestView } from "@tabletap/core/tab";
import { cn } from "@tabletap/ui/cn";
import { useNow } from "@/hooks/use-clock";
import { REQUEST_CHIP_LABELS, requestAgeText, requestUrgency } from "@/lib/floor";
import { describeAge } from "@/lib/tickets";

/** Chip colours by urgency: open amber, overdue red, acknowledged (on the way) quiet. */
const CHIP_CLASS = {
  open: "bg-warning text-warning-foreground border-warning",
  overdue: "bg-danger-solid text-danger-solid-foreground border-danger",
  acknowledged: "border-border-strong text-muted-foreground",
  resolved: "border-border text-subtle-foreground",
} as const;

/** What each status adds in words (colour is never the only signal). */
const STATUS_WORDS = { open: "", overdue: "Late · ", acknowledged: "On the way · ", resolved: "Done · " } as const;

/**
 * A service request as a chip: its kind, and its age ticking every second ("Water · 3 min");
 * amber while open, red "Late" past `REQUEST_OVERDUE_AFTER_MS`, quiet once acknowledged.
 */
export function RequestChip({
  request,
  serverNow,
  className,
}: {
  request: ServiceRequestView;
  serverNow: number;
  className?: string;
}) {
  const now = useNow(serverNow);
  const age = now - Date.parse(request.createdAt);
  const urgency = requestUrgency(request, now);
  return (
    <span
      className={cn(
        "inline-flex flex-wrap items-center gap-x-1.5 rounded-2xl border-2 px-2.5 py-0.5 text-sm font-bold",
        CHIP_CLASS[urgency],
        className,
      )}
      suppressHydrationWarning
    >
      <span aria-hidden="true">
        {STATUS_WORDS[urgency]}
        {REQUEST_CHIP_LABELS[request.kind]}
      </span>
      <time dateTime={request.createdAt} aria-hidden="true" className="whitespace-nowrap tabular-nums">
        {requestAgeText(age)}
      </time>
      <span className="sr-only">
        {STATUS_WORDS[urgency]}
        {REQUEST_CHIP_LABELS[request.kind]}, asked {describeAge(age)} ago
      </span>
    </span>
  );
}
