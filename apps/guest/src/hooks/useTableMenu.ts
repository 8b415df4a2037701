"use client";
import type { TableMenuView } from "@tabletap/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorCode } from "@/lib/errors";
import type { GetClient } from "@/trpc/deferred-client";

/** How often the menu is refreshed while its live stream is down, ms. */
const MENU_REFRESH_MS = 60_000;
/** How long after the live stream failed it is opened again, ms. */
const RESUBSCRIBE_MS = 15_000;

/**
 * The table's live menu, starting from the server-rendered one. It follows `menu.onChange`: on
 * each change the manager makes (new items, prices, 86, pause ordering) it refetches
 * `menu.forTable`, so the page changes with no reload; also when the stream (re)opens, to catch
 * up with what changed before. The stream resumes by itself after a dropped connection (tracked
 * event ids); after an error it is opened again in 15 s, and meanwhile the menu is refreshed
 * every minute while the page is visible. `refresh` refetches on demand.
 * `state`: ok; stale when the last refresh failed; gone when the table no longer exists.
 */
export function useTableMenu(tableCode: string, initialMenu: TableMenuView, getClient: GetClient) {
  const [menu, setMenu] = useState(initialMenu);
  const [state, setState] = useState<"ok" | "stale" | "gone">("ok");
  const live = useRef(false);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    // Only the newest refetch is shown: with changes in quick succession, answers can arrive out of order.
    const request = ++latest.current;
    try {
      const client = await getClient();
      const fresh = await client.menu.forTable.query({ tableCode });
      if (request !== latest.current) return;
      setMenu(fresh);
      setState("ok");
    } catch (error) {
      if (request !== latest.current) return;
      setState(errorCode(error) === "NOT_FOUND" ? "gone" : "stale");
    }
  }, [getClient, tableCode]);

  useEffect(() => {
    let stopped = false;
    let retry: number | undefined;
    let subscription: { unsubscribe: () => void } | null = null;
    const subscribe = async () => {
      const client = await getClient().catch(() => null);
      if (stopped) return;
      if (!client) {
        retry = window.setTimeout(() => void subscribe(), RESUBSCRIBE_MS);
        return;
      }
      subscription = client.menu.onChange.subscribe(
        { tableCode },
        {
          onStarted: () => {
            live.current = true;
            void refresh();
          },
          onData: () => void refresh(),
          onConnectionStateChange: (connection) => {
            if (connection.state === "connecting") live.current = false;
          },
          onError: (error) => {
            live.current = false;
            void refresh();
            // An unknown or deactivated table shows the "not valid" page; nothing to follow.
            if (errorCode(error) !== "NOT_FOUND") retry = window.setTimeout(() => void subscribe(), RESUBSCRIBE_MS);
          },
          // The table was deactivated: the refetch on its last event showed the "not valid" page.
          onComplete: () => (live.current = false),
        },
      );
    };
    void subscribe();
    return () => {
      stopped = true;
      live.current = false;
      window.clearTimeout(retry);
      subscription?.unsubscribe();
    };
  }, [getClient, tableCode, refresh]);

  useEffect(() => {
    let last = Date.now();
    const tick = () => {
      if (live.current || document.visibilityState !== "visible" || Date.now() - last < MENU_REFRESH_MS - 1000) return;
      last = Date.now();
      void refresh();
    };
    const timer = window.setInterval(tick, MENU_REFRESH_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [refresh]);

  return { menu, state, refresh };
}
