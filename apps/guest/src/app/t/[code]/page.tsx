import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TableApp } from "@/components/TableApp";
import { loadSession, loadTableMenu } from "@/server/api";

interface Props {
  params: Promise<{ code: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const menu = await loadTableMenu(code);
  if (!menu) return { title: "Table not found" };
  return {
    title: `${menu.restaurant.name} · Table ${menu.table.label}`,
    description: `Order from your table at ${menu.restaurant.name}.`,
  };
}

/**
 * A table's page (the QR code's target). The menu and session are read on the server so the
 * first paint already has the menu; an unknown or inactive code answers 404.
 */
export default async function TablePage({ params }: Props) {
  const { code } = await params;
  const [menu, { session, canRefresh }] = await Promise.all([loadTableMenu(code), loadSession()]);
  if (!menu) notFound();
  return <TableApp tableCode={code} initialMenu={menu} initialSession={session} canRefresh={canRefresh} />;
}
