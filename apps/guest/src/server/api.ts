import type { ReceiptView, SessionView, TableMenuView } from "@tabletap/core";
import { TRPCError } from "@trpc/server";
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

/**
 * Who is signed in, and whether the client should renew the session first: the access cookie
 * lasts 15 minutes, the refresh cookie 7 days, and the API says when only the latter is left.
 */
export async function loadSession(): Promise<{ session: SessionView; canRefresh: boolean }> {
  const { renewable, ...session } = await getQueryClient().fetchQuery(trpc.auth.session.queryOptions());
  return { session, canRefresh: renewable };
}

/**
 * The GST receipt behind a receipt link, or null when the token is unknown, malformed or its
 * payment isn't paid (the API answers NOT_FOUND or BAD_REQUEST). Shared by the page and its metadata.
 */
export const loadReceipt = cache(async (token: string): Promise<ReceiptView | null> => {
  try {
    return await getQueryClient().fetchQuery(trpc.receipt.get.queryOptions({ token }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
});
