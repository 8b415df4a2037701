import type { Metadata } from "next";
import { AdminPage } from "@/components/admin/admin-page";
import { AuditTrail } from "@/components/admin/audit-trail";

export const metadata: Metadata = { title: "Activity" };

/** `/admin/activity`: every manager change of the restaurant, newest first (the audit log). */
export default function ActivityPage() {
  return (
    <AdminPage
      title="Activity"
      description="Every change a manager made: menu, prices, availability, tables, staff and settings."
    >
      <AuditTrail />
    </AdminPage>
  );
}
