import type { Metadata } from "next";
import { TablesAdmin } from "@/components/admin/tables/tables-admin";

export const metadata: Metadata = { title: "Tables" };

/** `/admin/tables`: the restaurant's tables, their QR codes and who is sitting at them. */
export default function TablesPage() {
  return <TablesAdmin />;
}
