"use client";
import type { AuditEntity, AuditEntryView } from "@tabletap/core/audit";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { Button } from "@tabletap/ui/button";
import { useInfiniteQuery } from "@tanstack/react-query";
import { AdminNotice } from "./admin-page";

/** What each kind of entity is called in the log. */
const ENTITY_LABELS: Record<AuditEntity, string> = {
  menuCategory: "Category",
  menuItem: "Menu item",
  table: "Table",
  staff: "Staff",
  settings: "Settings",
  payment: "Payment",
};

const TIME = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short" });

/** A field's value as a short line of text. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The fields an entry changed, as [field, before, after] (every field of `after` for a creation). */
function changes(entry: AuditEntryView): [string, string, string][] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => [field, show(before[field]), show(after[field])]);
}

/**
 * The audit log of the manager's restaurant, newest first (`admin.audit.list`): of one entity
 * (`entity` + `entityId`, as in an editor's "History" panel), of one kind, or everything (the
 * Activity page). Each entry shows who, when (the browser's local time), what, and each field's
 * value before → after; "Show older" pages back.
 */
export function AuditTrail({ entity, entityId }: { entity?: AuditEntity; entityId?: string }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.admin.audit.list.infiniteQueryOptions(
      { entity, entityId },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (query.isPending) return <AdminNotice kind="loading">Loading history…</AdminNotice>;
  if (query.isError)
    return (
      <AdminNotice
        kind="error"
        action={
          <Button size="sm" variant="outline" onClick={() => void query.refetch()}>
            Try again
          </Button>
        }
      >
        {errorMessage(query.error, "We couldn't load the history.")}
      </AdminNotice>
    );
  const entries = query.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0) return <AdminNotice kind="empty">No changes recorded yet.</AdminNotice>;
  return (
    <div className="flex flex-col gap-3">
      <ol className="divide-border border-border divide-y rounded-lg border">
        {entries.map((entry) => (
          <li key={entry.id} className="flex flex-col gap-1 p-3 text-sm">
            <p>
              <span className="font-semibold">{entry.actor.name}</span>{" "}
              <span className="text-muted-foreground">
                {entry.action} · {ENTITY_LABELS[entry.entity]}
                {entity && entityId
                  ? null
                  : ` ${show(entry.after?.name ?? entry.before?.name ?? entry.after?.label ?? entry.before?.label ?? "")}`}
              </span>{" "}
              <time dateTime={entry.at} className="text-subtle-foreground">
                {TIME.format(new Date(entry.at))}
              </time>
            </p>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              {changes(entry).map(([field, before, after]) => (
                <div key={field} className="contents">
                  <dt className="text-muted-foreground">{field}</dt>
                  <dd className="break-words">
                    <span className="line-through opacity-70">{before}</span> → {after}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <Button
          variant="outline"
          size="sm"
          className="self-start"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? "Loading…" : "Show older"}
        </Button>
      ) : null}
    </div>
  );
}
