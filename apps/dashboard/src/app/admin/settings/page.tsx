import type { Metadata } from "next";
import { SettingsAdmin } from "@/components/admin/settings/settings-admin";

export const metadata: Metadata = { title: "Settings" };

/** `/admin/settings`: the restaurant's settings and the "pause ordering" switch. */
export default function SettingsPage() {
  return <SettingsAdmin />;
}
