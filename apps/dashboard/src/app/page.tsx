import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/server";

export const dynamic = "force-dynamic";

/** `/`: the kitchen display when signed in, else the sign-in page. */
export default async function Home() {
  await requireStaff("/kitchen");
  redirect("/kitchen");
}
