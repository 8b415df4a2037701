"use client";
import type { SessionView } from "@tabletap/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { GetClient } from "@/trpc/deferred-client";

export type Guest = NonNullable<SessionView["guest"]>;

/**
 * The signed-in guest, starting from the server's session. `auth.session` only reads the
 * 15-minute access cookie: with a refresh cookie left (`canRefresh`), the session is renewed
 * once in the browser first, and `checking` is true until that is done. When the server saw
 * nobody, the browser asks `auth.session` once more (a page rendered before sign-in and shown
 * again by Back) and takes the guest it finds.
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

  // The server rendered this page before the guest signed in, and the browser is showing that
  // render again (Back from the order page restores it from the router cache): ask once whether
  // someone is signed in now, while the sign-in form stays usable.
  const sessionChecked = useRef(false);
  useEffect(() => {
    if (initialSession.guest || checking || sessionChecked.current) return;
    sessionChecked.current = true;
    (async () => {
      const current = (await (await getClient()).auth.session.query()).guest;
      if (current) setGuest((shown) => shown ?? current);
    })().catch(() => undefined);
  }, [initialSession.guest, checking, getClient]);

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
