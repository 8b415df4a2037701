"use client";
import { ApiProvider, useTRPCClient, type ApiClient } from "@tabletap/client/guest";
import { useEffect } from "react";

function Expose({ onReady }: { onReady: (client: ApiClient) => void }) {
  const client = useTRPCClient();
  useEffect(() => onReady(client), [client, onReady]);
  return null;
}

/** Loaded lazily by `useDeferredClient`: the shared `ApiProvider`, handing its tRPC client out. */
export default function ClientBridge({ onReady }: { onReady: (client: ApiClient) => void }) {
  return (
    <ApiProvider>
      <Expose onReady={onReady} />
    </ApiProvider>
  );
}
