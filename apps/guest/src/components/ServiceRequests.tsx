"use client";
import type { ServiceRequestView } from "@tabletap/core/tab";
import { SERVICE_REQUEST_KINDS, SERVICE_REQUEST_LABELS, type ServiceRequestKind } from "@tabletap/core/tab-vocabulary";
import { useTRPCClient } from "@tabletap/client/guest";
import { useId, useState } from "react";
import { errorMessage } from "@/lib/errors";

/**
 * The table's newest request of `kind` staff haven't resolved yet, if any: from the tab, or the
 * one this guest just sent while the tab doesn't list it yet.
 */
function openRequest(
  requests: ServiceRequestView[],
  sent: ServiceRequestView | undefined,
  kind: ServiceRequestKind,
): ServiceRequestView | undefined {
  const listed = requests.filter((request) => request.kind === kind && request.status !== "resolved").at(-1);
  if (listed || !sent || requests.some((request) => request.id === sent.id)) return listed;
  return sent.status === "resolved" ? undefined : sent;
}

/**
 * "Call a waiter", "Water", "Ask for the bill" (`service.request`). Each shows where it stands
 * for the whole table: "Asked" until staff acknowledge it, then "On the way". A button is off
 * while its request is being sent or is still open, so repeated taps send nothing more (the
 * server also answers a repeat with the open request). `onRequested` refreshes the tab.
 */
export function ServiceRequests({
  tableCode,
  requests,
  onRequested,
}: {
  tableCode: string;
  requests: ServiceRequestView[];
  onRequested: () => void;
}) {
  const client = useTRPCClient();
  const id = useId();
  const [sending, setSending] = useState<ReadonlySet<ServiceRequestKind>>(new Set());
  const [sent, setSent] = useState<Partial<Record<ServiceRequestKind, ServiceRequestView>>>({});
  const [error, setError] = useState<string | null>(null);

  async function request(kind: ServiceRequestKind) {
    if (sending.has(kind)) return;
    setSending((current) => new Set(current).add(kind));
    setError(null);
    try {
      const request = await client.service.request.mutate({ tableCode, kind });
      setSent((current) => ({ ...current, [kind]: request }));
      onRequested();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSending((current) => {
        const next = new Set(current);
        next.delete(kind);
        return next;
      });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card__title">
        Need anything?
      </h2>
      <ul className="service-requests">
        {SERVICE_REQUEST_KINDS.map((kind) => {
          const open = openRequest(requests, sent[kind], kind);
          const status = open
            ? open.status === "acknowledged"
              ? "On the way"
              : "Asked"
            : sending.has(kind)
              ? "Asking…"
              : "";
          return (
            <li key={kind} className="service-request">
              <button
                type="button"
                className={`button button--secondary button--block service-request__button ${open ? "service-request__button--asked" : ""}`}
                disabled={sending.has(kind) || !!open}
                aria-describedby={`${id}-${kind}`}
                onClick={() => void request(kind)}
              >
                {SERVICE_REQUEST_LABELS[kind]}
              </button>
              <span id={`${id}-${kind}`} className="service-request__status" role="status">
                {status}
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="alert alert--error">
          {error}
        </p>
      )}
    </section>
  );
}
