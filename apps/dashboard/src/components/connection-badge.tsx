"use client";
import type { ConnectionState } from "@/hooks/use-stream-connection";
import { useTimeOfDay } from "@/hooks/use-clock";

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline — retrying",
};

/**
 * The live stream's state in the header: "Live" (green, pulsing), "Reconnecting…" (amber),
 * "Offline — retrying" (red). While not live, `updatedAt` (ms) adds when the data on screen was
 * last read, so staff know how stale it may be.
 */
export function ConnectionBadge({ connection, updatedAt }: { connection: ConnectionState; updatedAt?: number }) {
  const format = useTimeOfDay();
  const stale = connection !== "live" && connection !== "connecting" && updatedAt && format;
  return (
    <span className={`connection connection--${connection}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {CONNECTION_TEXT[connection]}
      {stale ? <span className="connection-since"> · as of {format(updatedAt)}</span> : null}
    </span>
  );
}
