"use client";
import type { SessionView } from "@tabletap/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { GetClient } from "@/trpc/deferred-client";

export type Guest = NonNullable<SessionView["guest"]>;

/**
 * The signed-in guest, starting from the server's session. `auth.session` only reads the
 * 15-minute access cookie: with a refresh cookie left (`canRefresh`), the session is renewed
 * once in the browser first, and `checking` is true until that is done.
 */
export function useGuestSession(initialSession: SessionView, canRefresh: boolean, getClient: GetClient) {
  const [guest, setGuest] = useState<Guest | null>(initialSession.guest);
  const [checking, setChecking] = useState(canRefresh && !initialSession.guest);

  const refreshStarted = useRef(false);
  useEffect(() => {
    // Once only: refresh tokens rotate, and React runs effects twice in development.
    if (!checking || refreshStarted.current) return;
    refreshStarted.current = true;
    (async () => {
      const client = await getClient();
      await client.auth.refresh.mutate();
      setGuest((await client.auth.session.query()).guest);
    })()
      .catch(() => undefined)
      .finally(() => setChecking(false));
  }, [checking, getClient]);

  /** Signs out here and on the server (the cookies expire on their own if the call fails). */
  const signOut = useCallback(async () => {
    try {
      await (await getClient()).auth.logout.mutate();
    } catch {
      // Signed out here regardless.
    }
    setGuest(null);
  }, [getClient]);

  return { guest, setGuest, checking, signOut };
}
