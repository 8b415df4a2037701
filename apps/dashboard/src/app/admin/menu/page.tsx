import type { Metadata } from "next";
import { MenuAdmin } from "@/components/admin/menu/menu-admin";

export const metadata: Metadata = { title: "Menu" };

/** `/admin/menu`: the manager's menu editor (categories, items, prices, availability, modifiers). */
export default function MenuPage() {
  return <MenuAdmin />;
}
