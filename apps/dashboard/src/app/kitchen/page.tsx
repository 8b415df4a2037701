import type { Metadata } from "next";
import { KitchenDisplay } from "@/components/kitchen/kitchen-display";
import { requireStaff, serverApi } from "@/lib/server";

export const metadata: Metadata = { title: "Kitchen" };
export const dynamic = "force-dynamic";

/** `/kitchen` (optionally `?station=tandoor`): the live kitchen display for signed-in staff. */
export default async function KitchenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { station: raw } = await searchParams;
  const station = typeof raw === "string" && raw ? raw : null;
  const staff = await requireStaff(station ? `/kitchen?station=${encodeURIComponent(station)}` : "/kitchen");
  // First paint with the tickets already on it; the client keeps them live from here.
  const board = await (await serverApi()).kitchen.tickets().catch(() => undefined);
  return (
    <KitchenDisplay
      staff={{ name: staff.name, role: staff.role }}
      initialBoard={board}
      renderedAt={Date.now()}
      initialStation={station}
      timeZone={board?.timeZone ?? null}
    />
  );
}
