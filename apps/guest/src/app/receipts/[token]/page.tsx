import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Receipt } from "@/components/Receipt";
import { loadReceipt } from "@/server/api";

interface Props {
  params: Promise<{ token: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const receipt = await loadReceipt((await params).token);
  // The link is the secret: never indexed.
  const robots = { index: false, follow: false };
  if (!receipt) return { title: "Receipt not found", robots };
  return { title: `Receipt ${receipt.number} · ${receipt.restaurant.name}`, robots };
}

/**
 * A payment's GST receipt, the link texted and emailed to the payer (`/receipts/{token}`; the
 * 128-bit token is the secret, no sign-in). Rendered on the server, no client JavaScript;
 * printable. An unknown or malformed token, or a payment not paid yet, answers 404.
 */
export default async function ReceiptPage({ params }: Props) {
  const receipt = await loadReceipt((await params).token);
  if (!receipt) notFound();
  return (
    <main id="main" className="page print:p-0">
      <div className="container--narrow container">
        <Receipt receipt={receipt} />
      </div>
    </main>
  );
}
