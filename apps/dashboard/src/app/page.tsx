import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/server";

export const dynamic = "force-dynamic";

/** `/`: the admin panel for managers, the kitchen display for other staff, else the sign-in page. */
export default async function Home() {
  const staff = await requireStaff("/");
  redirect(staff.role === "manager" ? "/admin" : "/kitchen");
}
