import type { Metadata } from "next";
import { InvalidTable } from "@/components/InvalidTable";

export const metadata: Metadata = { title: "Table not found" };

export default function TableNotFound() {
  return <InvalidTable />;
}
