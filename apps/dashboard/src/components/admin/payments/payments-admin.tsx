"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { formatMoney } from "@tabletap/core/money";
import type { AdminPaymentView } from "@tabletap/core/payments-admin";
import { COUNTER_METHOD_LABELS } from "@tabletap/core/tab";
import { Button } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { PAYMENT_STATUS_TEXT } from "@/lib/floor";
import { AdminNotice, AdminPage } from "../admin-page";
import { RefundDialog } from "./refund-dialog";

const TIME = new Intl.DateTimeFormat("en-IN", { timeStyle: "short" });
const LONG_DAY = new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", dateStyle: "full" });

/** "Online" / "Cash" / "Card" / "UPI" / "Counter" (a counter payment not settled yet). */
function methodText(payment: AdminPaymentView): string {
  if (payment.method === "online") return "Online";
  return payment.counterMethod ? COUNTER_METHOD_LABELS[payment.counterMethod] : "Counter";
}

/** Status colours, always with the status's words. */
const STATUS_CLASS: Record<AdminPaymentView["status"], string> = {
  paid: "bg-success-soft text-success-soft-foreground",
  created: "bg-warning-soft text-warning-soft-foreground",
  pending: "bg-warning-soft text-warning-soft-foreground",
  failed: "bg-danger-soft text-danger-soft-foreground",
  cancelled: "bg-surface-muted text-muted-foreground",
};

/**
 * `/admin/payments`: the payments of one business day (a date picker, kept in the URL as
 * `?date=`), newest first, with time, table, payer, method, total (and its tip), status and
 * what was refunded; totals of the loaded payments; "Refund…" opens the refund dialog (amount in ₹
 * up to what is refundable, a reason) with the payment's refunds and history.
 */
export function PaymentsAdmin({
  today,
  timeZone,
  initialDate,
}: {
  today: string;
  timeZone: string;
  initialDate: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [date, setDate] = useState(initialDate);
  const [refunding, setRefunding] = useState<AdminPaymentView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useInfiniteQuery({
    ...trpc.admin.payments.list.infiniteQueryOptions(
      { businessDate: date },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const payments = useMemo(() => query.data?.pages.flatMap((page) => page.payments) ?? [], [query.data]);
  const totals = useMemo(() => {
    const paid = payments.filter((payment) => payment.status === "paid");
    return {
      count: paid.length,
      collected: paid.reduce((sum, payment) => sum + payment.total, 0),
      tips: paid.reduce((sum, payment) => sum + payment.tip, 0),
      refunded: payments.reduce((sum, payment) => sum + payment.refunded, 0),
    };
  }, [payments]);
  const currency = payments[0]?.currency ?? "INR";
  const money = (minor: number) => formatMoney(minor, currency);

  const choose = (next: string) => {
    if (!next || next > today) return;
    setDate(next);
    setNotice(null);
    router.replace(`${pathname}?date=${next}`, { scroll: false });
  };

  let content;
  if (query.isPending) content = <AdminNotice kind="loading">Loading payments…</AdminNotice>;
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
        {errorMessage(query.error, "Couldn't load the payments. Check your connection and try again.")}
      </AdminNotice>
    );
  else if (payments.length === 0)
    content = <AdminNotice kind="empty">No payments on {LONG_DAY.format(new Date(`${date}T00:00:00Z`))}.</AdminNotice>;
  else
    content = (
      <>
        <p className="text-muted-foreground text-sm" aria-live="polite">
          <span className="text-foreground font-semibold">{totals.count}</span> paid ·{" "}
          <span className="text-foreground font-semibold tabular-nums">{money(totals.collected)}</span> collected ·{" "}
          <span className="text-foreground font-semibold tabular-nums">{money(totals.tips)}</span> tips ·{" "}
          <span className="text-foreground font-semibold tabular-nums">{money(totals.refunded)}</span> refunded
          {query.hasNextPage ? " (of the payments shown)" : ""}
        </p>
        <Table className={cn(query.isPlaceholderData && "opacity-60")}>
          <TableCaption className="sr-only">Payments</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Table</TableHead>
              <TableHead>Payer</TableHead>
              <TableHead>Method</TableHead>
              <TableHead className="text-right">Total</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Refunded</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {payments.map((payment) => (
              <TableRow key={payment.id}>
                <TableCell className="whitespace-nowrap tabular-nums">
                  {TIME.format(new Date(payment.paidAt ?? payment.createdAt))}
                </TableCell>
                <TableCell className="font-semibold">{payment.table}</TableCell>
                <TableCell className="whitespace-nowrap">{payment.payer}</TableCell>
                <TableCell>{methodText(payment)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  <span className="font-semibold">{money(payment.total)}</span>
                  {payment.tip > 0 ? (
                    <span className="text-muted-foreground block text-xs whitespace-nowrap">
                      incl. {money(payment.tip)} tip
                    </span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <span
                    className={cn(
                      "rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap",
                      STATUS_CLASS[payment.status],
                    )}
                  >
                    {PAYMENT_STATUS_TEXT[payment.status]}
                  </span>
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {payment.refunded > 0 ? money(payment.refunded) : "—"}
                  {payment.refunds.some((refund) => refund.status === "pending") ? (
                    <span className="text-muted-foreground block text-xs">in progress</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <div className="flex justify-end">
                    {payment.refundable > 0 || payment.refunds.length > 0 ? (
                      <Button size="sm" variant="ghost" onClick={() => setRefunding(payment)}>
                        {payment.refundable > 0 ? "Refund…" : "Refunds"}
                        <span className="sr-only">
                          {" "}
                          payment of {money(payment.total)} at table {payment.table}
                        </span>
                      </Button>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {query.hasNextPage ? (
          <Button
            variant="outline"
            size="sm"
            className="self-start"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : "Show older payments"}
          </Button>
        ) : null}
      </>
    );

  return (
    <AdminPage
      title="Payments"
      description={`Payments started on a business day (${timeZone}), online and at the counter, and their refunds.`}
    >
      <section
        aria-label="Business date"
        className="border-border bg-card flex flex-wrap items-end gap-3 rounded-lg border p-3"
      >
        <Field label="Business date" className="w-44">
          <Input type="date" value={date} max={today} onChange={(event) => choose(event.target.value)} />
        </Field>
        <Button
          size="sm"
          variant={date === today ? "primary" : "outline"}
          aria-pressed={date === today}
          onClick={() => choose(today)}
        >
          Today
        </Button>
        <p className="text-muted-foreground text-sm">{LONG_DAY.format(new Date(`${date}T00:00:00Z`))}</p>
      </section>
      {notice ? (
        <p role="status" className="border-border bg-card rounded-md border px-3 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      {content}
      <RefundDialog
        payment={refunding}
        onClose={() => setRefunding(null)}
        onRefunded={(message) => {
          setRefunding(null);
          setNotice(message);
        }}
      />
    </AdminPage>
  );
}
