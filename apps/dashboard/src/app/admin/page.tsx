import { redirect } from "next/navigation";

/** `/admin`: opens on the menu, the page managers use most. */
export default function AdminHome() {
  redirect("/admin/menu");
}
