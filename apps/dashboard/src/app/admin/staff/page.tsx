import type { Metadata } from "next";
import { StaffAdmin } from "@/components/admin/staff/staff-admin";

export const metadata: Metadata = { title: "Staff" };

/** `/admin/staff`: the restaurant's team (staff and managers). */
export default function StaffPage() {
  return <StaffAdmin />;
}
