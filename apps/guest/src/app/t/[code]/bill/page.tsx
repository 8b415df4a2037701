import { ApiProvider } from "@tabletap/client/guest";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BillScreen } from "@/components/BillScreen";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Your table's bill" };

/**
 * A table's bill (`/t/[code]/bill`): its own route, so the menu page's first-load budget stays
 * as it was. The tab is read on the server as the guest (which joins them to the table's open
 * session) and hydrated into the browser's query cache, so the first paint has it; the browser
 * then follows it live. When the server can't read it (signed out, or only the refresh cookie
 * is left), the browser fetches it itself, renewing the session or asking the guest to sign in.
 * An unknown or inactive table code answers 404.
 */
export default async function BillPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  try {
    await getQueryClient().fetchQuery(trpc.tab.get.queryOptions({ tableCode: code }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
  }
  return (
    <ApiProvider>
      <HydrateClient>
        <BillScreen tableCode={code} />
      </HydrateClient>
    </ApiProvider>
  );
}
