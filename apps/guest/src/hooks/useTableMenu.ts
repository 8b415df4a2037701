"use client";
import type { TableMenuView } from "@tabletap/core";
import { useCallback, useEffect, useState } from "react";
import { errorCode } from "@/lib/errors";
import type { GetClient } from "@/trpc/deferred-client";

const MENU_REFRESH_MS = 60_000;

/**
 * The table's live menu, starting from the server-rendered one and refreshed every minute while
 * the page is visible (so sold-out items grey out without a reload), or on demand (`refresh`).
 * `state`: ok; stale when the last refresh failed; gone when the table no longer exists.
 */
export function useTableMenu(tableCode: string, initialMenu: TableMenuView, getClient: GetClient) {
  const [menu, setMenu] = useState(initialMenu);
  const [state, setState] = useState<"ok" | "stale" | "gone">("ok");

  const refresh = useCallback(async () => {
    try {
      const client = await getClient();
      setMenu(await client.menu.forTable.query({ tableCode }));
      setState("ok");
    } catch (error) {
      setState(errorCode(error) === "NOT_FOUND" ? "gone" : "stale");
    }
  }, [getClient, tableCode]);

  useEffect(() => {
    let last = Date.now();
    const tick = () => {
      if (document.visibilityState !== "visible" || Date.now() - last < MENU_REFRESH_MS - 1000) return;
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
