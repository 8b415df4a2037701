"use client";
import { ApiProvider } from "@tabletap/client";
import type { ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  return <ApiProvider>{children}</ApiProvider>;
}
