import type { Metadata } from "next";
import { NoticePage } from "@/components/NoticePage";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <NoticePage title="We couldn't find that page">
      <p>To order, scan the QR code on your table.</p>
    </NoticePage>
  );
}
