import type { Metadata } from "next";
import { NoticePage } from "@/components/NoticePage";

export const metadata: Metadata = { title: "Receipt not found", robots: { index: false, follow: false } };

export default function ReceiptNotFoundPage() {
  return (
    <NoticePage title="We couldn't find this receipt">
      <p>The link may be incomplete: open it again from your text or email.</p>
      <p>A receipt appears here once your payment has gone through. A member of staff can help if it doesn&apos;t.</p>
    </NoticePage>
  );
}
