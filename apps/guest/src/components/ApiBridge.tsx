"use client";
import { ApiProvider, useTRPCClient } from "@tabletap/client";
import { useEffect } from "react";
import type { GuestClient } from "@/lib/api";

function Expose({ onReady }: { onReady: (client: GuestClient) => void }) {
  const client = useTRPCClient();
  useEffect(() => onReady(client), [client, onReady]);
  return null;
}

/** Loaded lazily by `useDeferredClient`: the shared ApiProvider, handing its tRPC client out. */
export default function ApiBridge({ onReady }: { onReady: (client: GuestClient) => void }) {
  return (
    <ApiProvider>
      <Expose onReady={onReady} />
    </ApiProvider>
  );
}
