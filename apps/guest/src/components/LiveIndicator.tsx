"use client";
import { useEffect, useState } from "react";

/** The live stream's state, as `useSubscription` reports it. */
export type LiveStatus = "idle" | "connecting" | "pending" | "error";

/** "Live", "Connecting…"/"Reconnecting…", or "Updates paused · Reconnect"; nothing once the order is finished. */
export function LiveIndicator({
  status,
  onRetry,
  finished,
}: {
  status: LiveStatus;
  onRetry: () => void;
  finished: boolean;
}) {
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (status === "pending") setWasLive(true);
  }, [status]);
  if (finished) return null;
  if (status === "pending")
    return (
      <span className="live live--on">
        <span className="live__dot" aria-hidden="true" />
        Live
      </span>
    );
  if (status === "error")
    return (
      <span className="live live--off">
        Updates paused ·{" "}
        <button type="button" className="link-button" onClick={onRetry}>
          Reconnect
        </button>
      </span>
    );
  return (
    <span className="live live--connecting">
      <span className="live__dot" aria-hidden="true" />
      {wasLive ? "Reconnecting…" : "Connecting…"}
    </span>
  );
}
