"use client";
import type { MenuEstimate } from "@tabletap/core/eta";
import { useEffect, useState } from "react";
import type { GetClient } from "@/trpc/deferred-client";

/**
 * Before ordering, in the cart: how long an order placed now would take ("Ready in about
 * 14–18 min after you order", `menu.estimate`) and, when the kitchen's backlog is past the
 * manager's threshold, a warning. Asked once when the cart opens; nothing if that fails.
 */
export function KitchenEstimate({ tableCode, getClient }: { tableCode: string; getClient: GetClient }) {
  const [estimate, setEstimate] = useState<MenuEstimate | null>(null);
  useEffect(() => {
    let stale = false;
    void getClient()
      .then((client) => client.menu.estimate.query({ tableCode }))
      .then((fresh) => {
        if (!stale) setEstimate(fresh);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [tableCode, getClient]);
  if (!estimate) return null;
  const range =
    estimate.earliestMinutes === estimate.latestMinutes
      ? `${estimate.latestMinutes}`
      : `${estimate.earliestMinutes}–${estimate.latestMinutes}`;
  return (
    <div className="kitchen-estimate" data-testid="kitchen-estimate">
      {estimate.overloaded && (
        <p role="alert" className="alert alert--warning">
          The kitchen is very busy right now: orders are waiting about {estimate.backlogMinutes} min before a cook can
          start them.
        </p>
      )}
      <p className="muted">Ready in about {range} min after you order.</p>
    </div>
  );
}
