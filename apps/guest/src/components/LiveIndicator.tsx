"use client";
import { useEffect, useState } from "react";
import { LIVE_FALLBACK_POLICY, type LiveState } from "@/hooks/useLiveFallback";

/** "just now", "20 s ago", "3 min ago". */
function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 2) return "just now";
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** The current time, ticking every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}

/**
 * How current the page is: "Live" while the stream delivers; otherwise "Connecting…" or
 * "Reconnecting… · last update 20 s ago" (the page polls meanwhile, `useLiveFallback`), in the
 * warning style once what is shown is older than `LIVE_FALLBACK_POLICY.staleAfterMs`, and
 * "Updates paused · Reconnect" when the stream gave up. Nothing once the order or tab is finished.
 */
export function LiveIndicator({
  live,
  onRetry,
  finished,
}: {
  live: LiveState;
  onRetry: () => void;
  finished: boolean;
}) {
  const { status, lastUpdateAt } = live;
  const on = status === "pending";
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (on) setWasLive(true);
  }, [on]);
  const now = useNow(!on && !finished);
  if (finished) return null;
  if (on)
    return (
      <span className="live live--on">
        <span className="live__dot" aria-hidden="true" />
        Live
      </span>
    );

  const age = lastUpdateAt > 0 ? now - lastUpdateAt : 0;
  const stale = age > LIVE_FALLBACK_POLICY.staleAfterMs;
  const lastUpdate = lastUpdateAt > 0 && <span> · last update {ago(age)}</span>;
  if (status === "error")
    return (
      <span className="live live--off" data-stale={stale}>
        <span>
          Updates paused{lastUpdate} ·{" "}
          <button type="button" className="link-button" onClick={onRetry}>
            Reconnect
          </button>
        </span>
      </span>
    );
  return (
    <span className={`live ${stale ? "live--off" : "live--connecting"}`} data-stale={stale}>
      <span className="live__dot" aria-hidden="true" />
      <span>
        {wasLive || stale ? "Reconnecting…" : "Connecting…"}
        {lastUpdate}
      </span>
    </span>
  );
}
