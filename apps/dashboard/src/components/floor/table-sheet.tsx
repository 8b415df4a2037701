"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { billTotal } from "@tabletap/core/bill";
import { formatMoney } from "@tabletap/core/money";
import { ORDER_STATUS_LABELS } from "@tabletap/core/order-status";
import {
  COUNTER_METHOD_LABELS,
  TABLE_FLOOR_STATE_LABELS,
  type FloorTableView,
  type FloorView,
  type TabPaymentView,
  type TabView,
} from "@tabletap/core/tab";
import { Button } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@tabletap/ui/sheet";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useRequestActions } from "@/hooks/use-request-actions";
import {
  counterAmountDue,
  isEmptySession,
  isPendingRequest,
  moveTargets,
  PAYMENT_STATUS_TEXT,
  REQUEST_CHIP_LABELS,
} from "@/lib/floor";
import { timeOfDay } from "../kitchen/age-timer";
import { FLOOR_STATE_STYLE } from "./floor-state";
import { RequestChip } from "./request-chip";
import { CloseSessionDialog, MoveSessionDialog } from "./session-dialogs";
import { SettleDialog } from "./settle-dialog";

export interface TableSheetProps {
  /** The table (from the live floor), null while closed or when it left the floor. */
  table: FloorTableView | null;
  open: boolean;
  floor: FloorView | undefined;
  serverNow: number;
  currency: string;
  onClose: () => void;
  /** The session moved to another table: the sheet follows it. */
  onMoved: (toTableId: string) => void;
  showNotice: (text: string) => void;
}

/**
 * A table's detail, in a sheet from the right: what to collect, the actions ("Settle at counter",
 * "Move to table…", "Close session" when nothing was ordered), the service requests with
 * "Acknowledge" and "Done", the counter payments guests asked for, then the tab (`floor.tab`):
 * rounds with their lines, totals, and payments with their status.
 */
export function TableSheet({ table, open, floor, serverNow, currency, onClose, onMoved, showNotice }: TableSheetProps) {
  return (
    <Sheet open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <SheetContent side="right" className="w-[min(100%,34rem)] gap-4 p-4 md:p-5" aria-describedby={undefined}>
        {table ? (
          <TableDetail
            table={table}
            floor={floor}
            serverNow={serverNow}
            currency={currency}
            onClose={onClose}
            onMoved={onMoved}
            showNotice={showNotice}
          />
        ) : (
          <SheetTitle>Table</SheetTitle>
        )}
      </SheetContent>
    </Sheet>
  );
}

function TableDetail({
  table,
  floor,
  serverNow,
  currency,
  onClose,
  onMoved,
  showNotice,
}: Omit<TableSheetProps, "table" | "open"> & { table: FloorTableView }) {
  const session = table.session;
  const [dialog, setDialog] = useState<"settle" | "move" | "close" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const requests = useRequestActions(showNotice);
  const style = FLOOR_STATE_STYLE[table.state];

  return (
    <>
      <div className="flex items-start justify-between gap-3 pr-12">
        <div className="grid gap-1">
          <SheetTitle className="text-3xl font-black">Table {table.label}</SheetTitle>
          <SheetDescription className="text-muted-foreground text-sm">
            {session
              ? `${session.guests} ${session.guests === 1 ? "guest" : "guests"} · ${session.orders} ${session.orders === 1 ? "order" : "orders"} · since ${timeOfDay.format(Date.parse(session.openedAt))}`
              : `${table.seats} seats · no one seated`}
          </SheetDescription>
        </div>
        <span className={cn("shrink-0 rounded-md px-2 py-0.5 text-sm font-extrabold", style.badge)}>
          {TABLE_FLOOR_STATE_LABELS[table.state]}
        </span>
      </div>
      <Button variant="ghost" size="icon" className="absolute top-3 right-3" aria-label="Close" onClick={onClose}>
        ✕
      </Button>

      {message ? (
        <p
          role="status"
          className="border-success bg-success-soft text-success-soft-foreground rounded-md border px-3 py-2 text-sm font-semibold"
        >
          {message}
        </p>
      ) : null}

      {session ? (
        <>
          <section aria-label="Amount due" className="bg-card border-border grid gap-3 rounded-lg border p-3">
            <div className="flex items-baseline justify-between gap-2">
              <span className="text-muted-foreground font-semibold">To collect</span>
              <span className="text-3xl font-black tabular-nums">
                {formatMoney(counterAmountDue(session), currency)}
              </span>
            </div>
            <dl className="text-muted-foreground grid grid-cols-[1fr_auto] gap-x-4 gap-y-0.5 text-sm">
              <dt>Total</dt>
              <dd className="text-right tabular-nums">{formatMoney(billTotal(session.totals.total), currency)}</dd>
              <dt>Paid</dt>
              <dd className="text-right tabular-nums">{formatMoney(billTotal(session.totals.paid), currency)}</dd>
              {billTotal(session.totals.pending) > 0 ? (
                <>
                  <dt>Being paid</dt>
                  <dd className="text-right tabular-nums">
                    {formatMoney(billTotal(session.totals.pending), currency)}
                  </dd>
                </>
              ) : null}
              {session.totals.tipsPaid > 0 ? (
                <>
                  <dt>Tips</dt>
                  <dd className="text-right tabular-nums">{formatMoney(session.totals.tipsPaid, currency)}</dd>
                </>
              ) : null}
            </dl>
            {session.pendingCounter.length > 0 ? (
              <div className="border-warning bg-warning-soft text-warning-soft-foreground rounded-md border px-3 py-2 text-sm">
                <p className="font-bold">Waiting to pay at the counter</p>
                <ul>
                  {session.pendingCounter.map((payment) => (
                    <li key={payment.paymentId} className="flex justify-between gap-2">
                      <span>{payment.payer}</span>
                      <span className="tabular-nums">{formatMoney(payment.total, currency)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button
                size="lg"
                aria-haspopup="dialog"
                disabled={counterAmountDue(session) === 0}
                onClick={() => setDialog("settle")}
              >
                Settle at counter
              </Button>
              <Button variant="outline" aria-haspopup="dialog" onClick={() => setDialog("move")}>
                Move to table…
              </Button>
              {isEmptySession(session) ? (
                <Button variant="outline" aria-haspopup="dialog" onClick={() => setDialog("close")}>
                  Close session
                </Button>
              ) : null}
            </div>
          </section>

          <RequestList
            table={table}
            serverNow={serverNow}
            pending={requests.pending}
            onAction={(action, request) =>
              requests.run(action, { tableSessionId: session.id, tableLabel: table.label, request })
            }
          />

          <TabDetail tableSessionId={session.id} currency={currency} />

          <SettleDialog
            open={dialog === "settle"}
            onOpenChange={(next) => setDialog(next ? "settle" : null)}
            tableLabel={table.label}
            tableSessionId={session.id}
            amountDue={counterAmountDue(session)}
            currency={currency}
            onDone={(text) => {
              setDialog(null);
              setMessage(text);
            }}
          />
          <MoveSessionDialog
            open={dialog === "move"}
            onOpenChange={(next) => setDialog(next ? "move" : null)}
            tableLabel={table.label}
            tableSessionId={session.id}
            targets={floor ? moveTargets(floor, table.tableId) : []}
            onMoved={(to) => {
              setDialog(null);
              setMessage(`Moved from table ${table.label} to table ${to.label}.`);
              onMoved(to.tableId);
            }}
          />
          <CloseSessionDialog
            open={dialog === "close"}
            onOpenChange={(next) => setDialog(next ? "close" : null)}
            tableLabel={table.label}
            tableSessionId={session.id}
            onClosed={() => {
              setDialog(null);
              setMessage(`Table ${table.label} is free.`);
            }}
          />
        </>
      ) : (
        <p className="text-muted-foreground">
          {table.state === "paid" ? "Paid and closed. The table is ready for the next guests." : "No open session."}
        </p>
      )}
    </>
  );
}

/** The table's service requests with their one-tap buttons: "Acknowledge" (while open) and "Done". */
function RequestList({
  table,
  serverNow,
  pending,
  onAction,
}: {
  table: FloorTableView;
  serverNow: number;
  pending: ReadonlyMap<string, "acknowledge" | "resolve">;
  onAction: (
    action: "acknowledge" | "resolve",
    request: NonNullable<FloorTableView["session"]>["requests"][number],
  ) => void;
}) {
  const requests = table.session?.requests.filter(isPendingRequest) ?? [];
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="sheet-requests" className="grid gap-2">
      <h3 id="sheet-requests" className="text-lg font-bold">
        Requests
      </h3>
      <ul className="grid gap-2">
        {requests.map((request) => {
          const busy = pending.get(request.id);
          return (
            <li
              key={request.id}
              aria-label={`${REQUEST_CHIP_LABELS[request.kind]} request`}
              className="border-border bg-card flex flex-wrap items-center gap-2 rounded-md border p-2"
            >
              <RequestChip request={request} serverNow={serverNow} className="mr-auto text-base" />
              {request.status === "open" ? (
                <Button size="sm" disabled={busy !== undefined} onClick={() => onAction("acknowledge", request)}>
                  {busy === "acknowledge" ? "Acknowledging…" : "Acknowledge"}
                </Button>
              ) : null}
              <Button
                size="sm"
                variant="outline"
                disabled={busy !== undefined}
                onClick={() => onAction("resolve", request)}
              >
                {busy === "resolve" ? "Finishing…" : "Done"}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The tab as staff see it (`floor.tab`): rounds and their lines, then payments. */
function TabDetail({ tableSessionId, currency }: { tableSessionId: string; currency: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.floor.tab.queryOptions({ tableSessionId }));
  if (query.isPending)
    return (
      <p role="status" className="text-muted-foreground">
        Loading the tab…
      </p>
    );
  if (query.isError)
    return (
      <div
        role="alert"
        className="border-danger bg-danger-soft text-danger-soft-foreground grid gap-2 rounded-md border p-3"
      >
        <p>{errorMessage(query.error, "Couldn't load the tab. Check the connection.")}</p>
        <Button size="sm" variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  return <TabBody tab={query.data} currency={currency} />;
}

function TabBody({ tab, currency }: { tab: TabView; currency: string }) {
  const session = tab.session;
  if (!session) return <p className="text-muted-foreground">This session is closed.</p>;
  const money = (minor: number) => formatMoney(minor, tab.currency || currency);
  return (
    <>
      <section aria-labelledby="sheet-tab" className="grid gap-2">
        <h3 id="sheet-tab" className="text-lg font-bold">
          Tab
        </h3>
        {session.rounds.length === 0 ? <p className="text-muted-foreground">Nothing ordered yet.</p> : null}
        {session.rounds.map((round) => (
          <article key={round.orderId} aria-label={`Order ${round.number}`} className="border-border rounded-md border">
            <header className="bg-card-header flex flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-sm">
              <span className="font-bold">{round.number}</span>
              <span className="text-muted-foreground">
                {round.guest.label} · {timeOfDay.format(Date.parse(round.placedAt))} ·{" "}
                {ORDER_STATUS_LABELS[round.status]}
              </span>
              <span className="ml-auto font-bold tabular-nums">{money(round.total)}</span>
            </header>
            <ul className="px-3 py-1 text-sm">
              {round.lines.map((line) => (
                <li key={line.lineId} className="flex gap-2 py-0.5">
                  <span className="text-muted-foreground w-6 shrink-0 tabular-nums">{line.quantity}×</span>
                  <span className="min-w-0 flex-1">{line.name}</span>
                  {line.coveredBy ? <Covered by={line.coveredBy} /> : null}
                  <span className="tabular-nums">{money(line.lineTotal)}</span>
                </li>
              ))}
            </ul>
          </article>
        ))}
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 text-sm">
          <Row label="Subtotal" value={money(session.totals.total.subtotal)} />
          {session.totals.total.serviceCharge > 0 ? (
            <Row label="Service charge" value={money(session.totals.total.serviceCharge)} />
          ) : null}
          <Row label="GST" value={money(session.totals.total.tax)} />
          <Row
            label={<span className="font-bold">Total</span>}
            value={<span className="font-bold">{money(billTotal(session.totals.total))}</span>}
          />
          <Row label="Left to pay" value={money(billTotal(session.totals.due))} />
        </dl>
      </section>
      {session.payments.length > 0 ? (
        <section aria-labelledby="sheet-payments" className="grid gap-2">
          <h3 id="sheet-payments" className="text-lg font-bold">
            Payments
          </h3>
          <ul className="grid gap-1 text-sm">
            {session.payments.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} money={money} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Row({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-right tabular-nums">{value}</dd>
    </>
  );
}

function Covered({ by }: { by: "paid" | "pending" }) {
  return (
    <span
      className={cn(
        "rounded px-1.5 text-xs font-bold uppercase",
        by === "paid" ? "bg-success-soft text-success-soft-foreground" : "bg-warning-soft text-warning-soft-foreground",
      )}
    >
      {by === "paid" ? "Paid" : "Paying"}
    </span>
  );
}

/** How a payment was made, in words: "Online", "Counter · Cash". */
function methodText(payment: TabPaymentView): string {
  if (payment.method === "online") return "Online";
  return payment.counterMethod ? `Counter · ${COUNTER_METHOD_LABELS[payment.counterMethod]}` : "Counter";
}

/** What part of the bill a payment was for: "whole bill", "part 2 of 3", "items", "amount". */
function shareText(payment: TabPaymentView): string {
  switch (payment.kind) {
    case "full":
      return "whole bill";
    case "equal":
      return `part ${(payment.partIndex ?? 0) + 1} of ${payment.parts ?? "?"}`;
    case "items":
      return "items";
    case "amount":
      return "amount";
  }
}

function PaymentRow({ payment, money }: { payment: TabPaymentView; money: (minor: number) => string }) {
  const quiet = payment.status === "failed" || payment.status === "cancelled";
  return (
    <li
      className={cn(
        "border-border flex flex-wrap items-baseline gap-x-2 border-b py-1",
        quiet && "text-subtle-foreground",
      )}
    >
      <span className="font-semibold">{payment.payer.label}</span>
      <span className="text-muted-foreground">
        {methodText(payment)} · {shareText(payment)}
        {payment.tip > 0 ? ` · tip ${money(payment.tip)}` : ""}
      </span>
      <span className="ml-auto tabular-nums">{money(payment.total)}</span>
      <span
        className={cn(
          "w-full text-xs font-bold uppercase sm:w-auto",
          payment.status === "paid" ? "text-success" : payment.status === "failed" ? "text-danger" : "text-warning",
          quiet && payment.status !== "failed" && "text-subtle-foreground",
        )}
      >
        {PAYMENT_STATUS_TEXT[payment.status]}
      </span>
    </li>
  );
}
