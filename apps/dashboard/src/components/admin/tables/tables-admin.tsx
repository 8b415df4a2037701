"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { formatMoney } from "@tabletap/core/money";
import type { AdminTableView, OpenTableSessionView } from "@tabletap/core/tables-admin";
import { Button } from "@tabletap/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AdminNotice, AdminPage } from "../admin-page";
import { ConfirmTableAction, type TableAction } from "./confirm-table-action";
import { TableDialog } from "./table-dialog";

const SINCE = new Intl.DateTimeFormat("en-IN", { timeStyle: "short" });

/** "12:40 · 2 guests": when the sitting began and who ordered, with the names in a tooltip-free second line. */
function SessionCell({ session, currency }: { session: OpenTableSessionView | null; currency: string }) {
  if (!session) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="grid gap-0.5">
      <span>
        Since {SINCE.format(new Date(session.openedAt))} · {session.orders} {session.orders === 1 ? "order" : "orders"}{" "}
        · <span className="font-semibold tabular-nums">{formatMoney(session.total, currency)}</span>
      </span>
      <span className="text-muted-foreground text-xs">
        {session.guests.length === 0
          ? "No orders yet"
          : session.guests.map((guest) => `${guest.displayName} (${formatMoney(guest.total, currency)})`).join(", ")}
      </span>
    </div>
  );
}

function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="bg-primary-soft rounded px-2 py-0.5 text-xs font-semibold">Active</span>
  ) : (
    <span className="bg-surface-muted text-muted-foreground rounded px-2 py-0.5 text-xs font-semibold">Inactive</span>
  );
}

/**
 * `/admin/tables`: every table (label, seats, status, the open sitting: since when, orders, total
 * and who ordered), with add / edit (and its History), deactivate / reactivate, regenerate the
 * QR code, per-table PNG/SVG downloads and the printable QR sheet (PDF).
 */
export function TablesAdmin() {
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.tables.list.queryOptions());
  const [editing, setEditing] = useState<{ table: AdminTableView | null } | null>(null);
  const [action, setAction] = useState<{ kind: TableAction; table: AdminTableView } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const actions = (
    <>
      <Button asChild variant="outline" size="sm">
        <a href="/admin/tables/qr-sheet.pdf" download>
          Print QR sheet (PDF)
        </a>
      </Button>
      <Button size="sm" onClick={() => setEditing({ table: null })}>
        Add table
      </Button>
    </>
  );

  let content;
  if (query.isPending) content = <AdminNotice kind="loading">Loading tables…</AdminNotice>;
  else if (query.isError)
    content = (
      <AdminNotice
        kind="error"
        action={
          <Button size="sm" variant="outline" onClick={() => void query.refetch()}>
            Try again
          </Button>
        }
      >
        {errorMessage(query.error, "Couldn't load the tables. Check your connection and try again.")}
      </AdminNotice>
    );
  else if (query.data.tables.length === 0)
    content = (
      <AdminNotice
        kind="empty"
        action={
          <Button size="sm" onClick={() => setEditing({ table: null })}>
            Add table
          </Button>
        }
      >
        No tables yet. Add one to print its QR code.
      </AdminNotice>
    );
  else {
    const { tables, currency } = query.data;
    content = (
      <Table>
        <TableCaption className="sr-only">Tables</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Table</TableHead>
            <TableHead className="text-right">Seats</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Open sitting</TableHead>
            <TableHead>QR code</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tables.map((table) => (
            <TableRow key={table.id} className={table.active ? undefined : "text-muted-foreground"}>
              <TableCell className="font-semibold">{table.label}</TableCell>
              <TableCell className="text-right tabular-nums">{table.seats}</TableCell>
              <TableCell>
                <StatusBadge active={table.active} />
              </TableCell>
              <TableCell>
                <SessionCell session={table.openSession} currency={currency} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <a
                  className="text-primary-strong underline underline-offset-4"
                  href={`/admin/tables/${table.id}/qr.png`}
                  download
                  aria-label={`Download table ${table.label}'s QR code as PNG`}
                >
                  PNG
                </a>{" "}
                ·{" "}
                <a
                  className="text-primary-strong underline underline-offset-4"
                  href={`/admin/tables/${table.id}/qr.svg`}
                  download
                  aria-label={`Download table ${table.label}'s QR code as SVG`}
                >
                  SVG
                </a>
              </TableCell>
              <TableCell>
                <div className="flex justify-end gap-1">
                  <Button size="sm" variant="ghost" onClick={() => setEditing({ table })}>
                    Edit<span className="sr-only"> table {table.label}</span>
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setAction({ kind: "regenerate", table })}>
                    New code<span className="sr-only"> for table {table.label}</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setAction({ kind: table.active ? "deactivate" : "reactivate", table })}
                  >
                    {table.active ? "Deactivate" : "Reactivate"}
                    <span className="sr-only"> table {table.label}</span>
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <AdminPage
      title="Tables"
      description="Tables, their QR codes, and who is sitting at each one right now."
      actions={actions}
    >
      {notice ? (
        <p role="status" className="border-border bg-card rounded-md border px-3 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      {content}
      <TableDialog
        table={editing?.table ?? null}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(editing?.table ? `Table ${saved.label} saved.` : `Table ${saved.label} added.`);
        }}
      />
      <ConfirmTableAction
        action={action}
        onClose={() => setAction(null)}
        onDone={(message) => {
          setAction(null);
          setNotice(message);
        }}
      />
    </AdminPage>
  );
}
