import { createServerCaller } from "@tabletap/api/http";
import type { SessionView, TableMenuView } from "@tabletap/core";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";

/** A server-side caller of the API as the requesting guest (their cookies), once per request. */
export const getCaller = cache(async () => createServerCaller(await headers(), "guest"));

/**
 * The table's menu, or null when the code is unknown, inactive or malformed (the API answers
 * NOT_FOUND, or BAD_REQUEST for a code that can't be one). Shared by the page and its metadata.
 */
export const loadTableMenu = cache(async (tableCode: string): Promise<TableMenuView | null> => {
  try {
    return await (await getCaller()).menu.forTable({ tableCode });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
});

/**
 * Who is signed in, and whether the client should renew the session first: the access cookie
 * lasts 15 minutes, the refresh cookie 7 days, and the API says when only the latter is left.
 */
export async function loadSession(): Promise<{ session: SessionView; canRefresh: boolean }> {
  const { renewable, ...session } = await (await getCaller()).auth.session();
  return { session, canRefresh: renewable };
}
