"use client";
import { useMemo } from "react";
import { useFloor } from "@/hooks/use-floor";
import { useRequestActions } from "@/hooks/use-request-actions";
import { pendingRequests, REQUEST_CHIP_LABELS } from "@/lib/floor";
import { RequestChip } from "../floor/request-chip";

/**
 * The kitchen display's strip of service requests (call a waiter, water, the bill): one compact
 * row above the tickets, open requests first then those on the way, oldest first, each with the
 * table, kind, age and one-tap "Acknowledge" / "Done". Fed by `floor.tables` + `floor.onUpdate`;
 * takes no room when nothing is pending (or the floor can't be read: the tickets come first).
 */
export function ServiceStrip({
  serverNow,
  onUnauthorized,
  showNotice,
}: {
  serverNow: number;
  onUnauthorized: () => void;
  showNotice: (text: string) => void;
}) {
  const { query } = useFloor({ onUnauthorized });
  const actions = useRequestActions(showNotice);
  const items = useMemo(() => (query.data ? pendingRequests(query.data) : []), [query.data]);
  if (items.length === 0) return null;
  return (
    <section className="service-strip" aria-labelledby="service-strip-title">
      <h2 id="service-strip-title" className="service-strip-title">
        Requests <span className="column-count">{items.length}</span>
      </h2>
      <ul className="service-strip-list">
        {items.map((item) => {
          const busy = actions.pending.get(item.request.id);
          return (
            <li
              key={item.request.id}
              className="service-item"
              aria-label={`${REQUEST_CHIP_LABELS[item.request.kind]} for ${item.tableLabel}`}
            >
              <span className="service-table">{item.tableLabel}</span>
              <RequestChip request={item.request} serverNow={serverNow} />
              {item.request.status === "open" ? (
                <button
                  type="button"
                  className="btn btn-primary btn-sm"
                  disabled={busy !== undefined}
                  onClick={() => actions.run("acknowledge", item)}
                >
                  {busy === "acknowledge" ? "Acknowledging…" : "Acknowledge"}
                </button>
              ) : null}
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                disabled={busy !== undefined}
                onClick={() => actions.run("resolve", item)}
              >
                {busy === "resolve" ? "Finishing…" : "Done"}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
