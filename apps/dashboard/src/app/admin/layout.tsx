import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireManager } from "@/lib/server";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Tabletap" } };
export const dynamic = "force-dynamic";

/** `/admin/*`: the manager's admin panel, for managers of the signed-in restaurant only. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const manager = await requireManager("/admin");
  return (
    <div className="admin flex min-h-full flex-col md:flex-row">
      <AdminNav manager={{ name: manager.name }} />
      <main id="admin-main" className="min-w-0 flex-1 px-4 py-5 md:px-8 md:py-6">
        {children}
      </main>
    </div>
  );
}
