import type { Metadata } from "next";
import { FloorDisplay } from "@/components/floor/floor-display";
import { requireStaff, serverApi } from "@/lib/server";

export const metadata: Metadata = { title: "Floor" };
export const dynamic = "force-dynamic";

/** `/floor`: every table's state, bill and service requests, live, for any signed-in staff member. */
export default async function FloorPage() {
  const staff = await requireStaff("/floor");
  // First paint with the tables already on it; the client keeps them live from here.
  const floor = await (await serverApi()).floor.tables().catch(() => undefined);
  return <FloorDisplay staff={{ name: staff.name, role: staff.role }} initialFloor={floor} renderedAt={Date.now()} />;
}
