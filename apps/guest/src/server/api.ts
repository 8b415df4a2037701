import { SESSION_COOKIES } from "@tabletap/auth";
import type { SessionView, TableMenuView } from "@tabletap/core";
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import { cache } from "react";
import { getQueryClient, trpc } from "@/trpc/server";

/**
 * The table's menu, or null when the code is unknown, inactive or malformed (the API answers
 * NOT_FOUND, or BAD_REQUEST for a code that can't be one). Shared by the page and its metadata.
 */
export const loadTableMenu = cache(async (tableCode: string): Promise<TableMenuView | null> => {
  try {
    return await getQueryClient().fetchQuery(trpc.menu.forTable.queryOptions({ tableCode }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
});

/** The requester's session, and whether the browser should renew it before showing sign-in. */
export async function loadSession(): Promise<{ session: SessionView; canRefresh: boolean }> {
  const session = await getQueryClient().fetchQuery(trpc.auth.session.queryOptions());
  // The access cookie lasts 15 minutes, the refresh cookie 7 days: the client renews the session
  // when only the latter is left.
  const canRefresh = !session.guest && (await cookies()).has(SESSION_COOKIES.guest.refresh);
  return { session, canRefresh };
}
