"use client";
import { useTRPCClient } from "@tabletap/client/staff";
import { useEffect } from "react";

/** Renew a little before the 15-minute access token runs out. */
const EVERY_MS = 10 * 60_000;

/**
 * Keeps a long-lived screen (the kitchen display runs all shift) signed in: renews the staff
 * session every 10 minutes and when the screen wakes after a longer gap, so the live stream's
 * reconnects and the periodic refetch never meet an expired access cookie. A failed renewal is
 * left to the normal path (the API answers UNAUTHORIZED, the client refreshes or signs out).
 */
export function useSessionKeepAlive(): void {
  const client = useTRPCClient();
  useEffect(() => {
    let last = Date.now();
    const renew = () => {
      last = Date.now();
      client.auth.refresh.mutate().catch(() => undefined);
    };
    const timer = setInterval(renew, EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible" && Date.now() - last >= EVERY_MS) renew();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [client]);
}
