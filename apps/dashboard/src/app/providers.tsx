"use client";
import { ApiProvider } from "@tabletap/client/staff";
import type { ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  return <ApiProvider>{children}</ApiProvider>;
}
