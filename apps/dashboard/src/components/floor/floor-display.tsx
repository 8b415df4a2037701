"use client";
import { errorMessage } from "@tabletap/client/errors";
import { TABLE_FLOOR_STATE_LABELS, type FloorView } from "@tabletap/core/tab";
import { cn } from "@tabletap/ui/cn";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useFloor } from "@/hooks/use-floor";
import { useNotice } from "@/hooks/use-notice";
import { useStaffSession } from "@/hooks/use-staff-session";
import { countByState, pendingRequests } from "@/lib/floor";
import { ConnectionBadge } from "../connection-badge";
import { WallClock } from "../kitchen/age-timer";
import { NoticeBar } from "../kitchen/notice-bar";
import { FLOOR_STATE_STYLE } from "./floor-state";
import { TableCard } from "./table-card";
import { TableSheet } from "./table-sheet";

export interface FloorDisplayProps {
  staff: { name: string; role: "staff" | "manager" };
  /** The floor as the server rendered it (undefined when that read failed: the client retries). */
  initialFloor: FloorView | undefined;
  renderedAt: number;
}

/**
 * The staff floor view (`/floor`): every table as a card (state, amount due, guests, open
 * requests with their age), live over `floor.onUpdate`; a table opens its sheet (the tab,
 * requests, settle at the counter, close or move the session).
 */
export function FloorDisplay({ staff, initialFloor, renderedAt }: FloorDisplayProps) {
  const session = useStaffSession();
  const { query, connection, updatedAt } = useFloor({ initialFloor, renderedAt, onUnauthorized: session.goToLogin });
  const { notice, showNotice, dismissNotice } = useNotice();
  const [openTableId, setOpenTableId] = useState<string | null>(null);
  const onOpen = useCallback((tableId: string) => setOpenTableId(tableId), []);
  const floor = query.data;
  const counts = useMemo(() => (floor ? countByState(floor.tables) : []), [floor]);
  const requestCount = useMemo(() => (floor ? pendingRequests(floor).length : 0), [floor]);
  const openTable = floor?.tables.find((table) => table.tableId === openTableId) ?? null;

  return (
    <div className="floor flex min-h-dvh flex-col">
      <header className="kds-header flex-wrap">
        <div className="kds-brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <h1 className="kds-title">Floor</h1>
        </div>
        <nav aria-label="Screens" className="flex gap-2">
          <Link href="/kitchen" className="btn btn-ghost btn-sm">
            Kitchen
          </Link>
          {staff.role === "manager" ? (
            <Link href="/admin" className="btn btn-ghost btn-sm">
              Admin
            </Link>
          ) : null}
        </nav>
        <div className="kds-tools flex-wrap">
          <WallClock serverNow={renderedAt} />
          <ConnectionBadge connection={connection} updatedAt={updatedAt} />
          <span className="kds-staff">
            <span className="sr-only">Signed in as </span>
            {staff.name}
            {staff.role === "manager" ? <span className="kds-role">Manager</span> : null}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={session.signOut}
            disabled={session.signingOut}
          >
            {session.signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </header>

      {notice ? <NoticeBar key={notice.id} notice={notice} onDismiss={dismissNotice} /> : null}

      <main className="flex flex-1 flex-col gap-3 p-3 md:p-4" aria-label="Tables">
        {floor ? (
          <>
            <ul
              className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm font-semibold"
              aria-label="Tables by state"
            >
              {counts.map(([state, count]) => (
                <li key={state} className={cn("flex items-center gap-1.5", count === 0 && "text-subtle-foreground")}>
                  <span
                    aria-hidden="true"
                    className={cn("inline-block size-3 rounded-sm", FLOOR_STATE_STYLE[state].badge)}
                  />
                  {TABLE_FLOOR_STATE_LABELS[state]} <span className="tabular-nums">{count}</span>
                </li>
              ))}
              <li className={cn("ml-auto", requestCount > 0 ? "text-warning" : "text-subtle-foreground")}>
                {requestCount} open {requestCount === 1 ? "request" : "requests"}
              </li>
            </ul>
            {floor.tables.length === 0 ? (
              <div className="board-message" role="status">
                <p className="board-message-title">No tables yet</p>
                <p>A manager adds tables in Admin → Tables &amp; QR.</p>
              </div>
            ) : (
              <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,15rem),1fr))] gap-3">
                {floor.tables.map((table) => (
                  <TableCard
                    key={table.tableId}
                    table={table}
                    serverNow={renderedAt}
                    currency={floor.currency}
                    onOpen={onOpen}
                  />
                ))}
              </div>
            )}
          </>
        ) : query.isError ? (
          <div className="board-message" role="alert">
            <p className="board-message-title">We couldn&apos;t load the floor.</p>
            <p>{errorMessage(query.error, "Check the connection; the screen keeps trying.")}</p>
            <button type="button" className="btn btn-primary btn-lg" onClick={() => void query.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <div className="board-message" role="status">
            <span className="spinner" aria-hidden="true" />
            <p className="board-message-title">Loading tables…</p>
          </div>
        )}
      </main>

      {floor && (
        <TableSheet
          table={openTable}
          open={openTableId !== null}
          floor={floor}
          serverNow={renderedAt}
          currency={floor.currency}
          onClose={() => setOpenTableId(null)}
          onMoved={(to) => setOpenTableId(to)}
          showNotice={showNotice}
        />
      )}
    </div>
  );
}
