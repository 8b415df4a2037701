"use client";
import {
  ANALYTICS_PRESETS,
  analyticsRangeInput,
  formatMoney,
  presetRange,
  type AnalyticsPreset,
  type AnalyticsRangeInput,
  type AnalyticsSummary,
  type ItemSales,
  type PaymentFigures,
} from "@tabletap/core";
import { errorMessage, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { Button, buttonVariants } from "@tabletap/ui/button";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { AdminNotice } from "../admin-page";
import { BarChart } from "./bar-chart";

const PRESETS = Object.keys(ANALYTICS_PRESETS) as AnalyticsPreset[];

/** "Mon 3 Nov" / "Monday 3 November 2026" of a "YYYY-MM-DD" calendar date. */
const SHORT_DAY = new Intl.DateTimeFormat("en-IN", {
  timeZone: "UTC",
  weekday: "short",
  day: "numeric",
  month: "short",
});
const LONG_DAY = new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", dateStyle: "full" });
const day = (date: string, format: Intl.DateTimeFormat) => format.format(new Date(`${date}T00:00:00Z`));

/** Seconds as "12 min 05 s" (or "45 s"); "—" for none. */
function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, "0")} s` : `${seconds} s`;
}

/** The preset whose range `range` is (ending `today`), or "custom". */
function presetOf(range: AnalyticsRangeInput, today: string): AnalyticsPreset | "custom" {
  return (
    PRESETS.find((preset) => {
      const candidate = presetRange(preset, today);
      return candidate.from === range.from && candidate.to === range.to;
    }) ?? "custom"
  );
}

/**
 * The analytics page: a range of business days (presets ending today in the restaurant's time
 * zone, or custom dates, kept in the URL as `?from=&to=`), KPI tiles, revenue per day and orders
 * by hour as charts with their tables, top items, cancellations and rejections, and the CSV export.
 */
export function AnalyticsDashboard({
  today,
  timeZone,
  initialRange,
}: {
  today: string;
  timeZone: string;
  initialRange: AnalyticsRangeInput;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [range, setRange] = useState(initialRange);
  const [mode, setMode] = useState<AnalyticsPreset | "custom">(presetOf(initialRange, today));
  const query = useQuery({ ...trpc.admin.analytics.summary.queryOptions(range), placeholderData: keepPreviousData });

  const choose = (next: AnalyticsRangeInput) => {
    setRange(next);
    router.replace(`${pathname}?from=${next.from}&to=${next.to}`, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-5">
      <section
        aria-label="Date range"
        className="border-border bg-card flex flex-wrap items-end gap-3 rounded-lg border p-3"
      >
        <div role="group" aria-label="Quick ranges" className="flex flex-wrap gap-2">
          {PRESETS.map((preset) => (
            <Button
              key={preset}
              size="sm"
              variant={mode === preset ? "primary" : "outline"}
              aria-pressed={mode === preset}
              onClick={() => {
                setMode(preset);
                choose(presetRange(preset, today));
              }}
            >
              {ANALYTICS_PRESETS[preset].label}
            </Button>
          ))}
          <Button
            size="sm"
            variant={mode === "custom" ? "primary" : "outline"}
            aria-pressed={mode === "custom"}
            onClick={() => setMode("custom")}
          >
            Custom
          </Button>
        </div>
        {mode === "custom" ? <CustomRange range={range} today={today} onApply={choose} /> : null}
        <a
          href={`/admin/analytics/orders.csv?from=${range.from}&to=${range.to}`}
          download
          className={`${buttonVariants({ variant: "secondary", size: "sm" })} ml-auto`}
        >
          Export CSV
        </a>
        <p className="text-muted-foreground w-full text-sm">
          Business days {day(range.from, LONG_DAY)}
          {range.to !== range.from ? ` – ${day(range.to, LONG_DAY)}` : ""} ({timeZone})
        </p>
      </section>

      {query.isPending ? (
        <AdminNotice kind="loading">Loading analytics…</AdminNotice>
      ) : query.isError ? (
        <AdminNotice
          kind="error"
          action={
            <Button size="sm" variant="outline" onClick={() => void query.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(query.error, "We couldn't load the analytics.")}
        </AdminNotice>
      ) : (
        <Summary summary={query.data} refreshing={query.isFetching} />
      )}
    </div>
  );
}

/** The custom range form: two dates checked with the API's own schema before anything is asked. */
function CustomRange({
  range,
  today,
  onApply,
}: {
  range: AnalyticsRangeInput;
  today: string;
  onApply: (range: AnalyticsRangeInput) => void;
}) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = analyticsRangeInput.safeParse({ from, to });
    if (!parsed.success) {
      setErrors(issueMessages(parsed.error));
      return;
    }
    setErrors({});
    onApply(parsed.data);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
      <Field label="From" error={errors.from} className="text-sm">
        <Input type="date" value={from} max={today} onChange={(event) => setFrom(event.target.value)} />
      </Field>
      <Field label="To" error={errors.to} className="text-sm">
        <Input type="date" value={to} max={today} onChange={(event) => setTo(event.target.value)} />
      </Field>
      <Button type="submit" size="sm" className="mt-7">
        Apply
      </Button>
    </form>
  );
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="border-border bg-card rounded-lg border p-3">
      <dt className="text-muted-foreground text-sm">{label}</dt>
      <dd className="mt-1 text-xl font-bold break-words tabular-nums">{value}</dd>
      {detail ? <dd className="text-muted-foreground mt-0.5 text-xs">{detail}</dd> : null}
    </div>
  );
}

/** What the bill's payments collected in the range, with tips and refunds apart (`PaymentFigures`). */
function PaymentTiles({ figures, money }: { figures: PaymentFigures; money: (paise: number) => string }) {
  const count = `${figures.payments.toLocaleString("en-IN")} ${figures.payments === 1 ? "payment" : "payments"}`;
  return (
    <section aria-labelledby="analytics-payments" className="flex flex-col gap-2">
      <h2 id="analytics-payments" className="font-semibold">
        Payments
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile label="Collected" value={money(figures.collected)} detail={`${count}, tips included`} />
        <Tile label="Tips collected" value={money(figures.tips)} detail="No GST on tips" />
        <Tile label="Refunds" value={money(figures.refunded)} detail="Pending and processed" />
        <Tile label="Net collected" value={money(figures.net)} detail="Collected less refunds" />
      </dl>
    </section>
  );
}

function Panel({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`border-border bg-card flex min-w-0 flex-col gap-3 rounded-lg border p-4 ${className ?? ""}`}>
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Summary({ summary, refreshing }: { summary: AnalyticsSummary; refreshing: boolean }) {
  const money = (paise: number) => formatMoney(paise, summary.currency);
  const { totals } = summary;
  const busiest = summary.ordersByHour.indexOf(Math.max(...summary.ordersByHour));
  const bestDay = summary.days.reduce((best, d) => (d.total > best.total ? d : best), summary.days[0]!);
  const hours = summary.ordersByHour.map((value, hour) => ({
    label: String(hour),
    longLabel: `${String(hour).padStart(2, "0")}:00–${String(hour).padStart(2, "0")}:59`,
    value,
  }));
  return (
    <div className="flex flex-col gap-5" aria-busy={refreshing}>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Tile label="Revenue" value={money(totals.total)} detail={`Net sales ${money(totals.subtotal)}`} />
        <Tile label="Orders" value={totals.orders.toLocaleString("en-IN")} detail="Not cancelled or rejected" />
        <Tile label="Average order" value={money(summary.averageOrderValue)} detail="Net sales per order" />
        <Tile label="Tips" value={money(totals.tip)} detail={`Tax ${money(totals.tax)}`} />
        <Tile label="Avg prep time" value={duration(summary.prepTime.averageSeconds)} detail="Accepted → ready" />
        <Tile
          label="P90 prep time"
          value={duration(summary.prepTime.p90Seconds)}
          detail={`${summary.prepTime.orders} orders timed`}
        />
      </dl>
      <PaymentTiles figures={summary.payments} money={money} />
      {totals.orders === 0 && summary.exits.length === 0 ? (
        <AdminNotice kind="empty">No orders in this range. Choose another range above.</AdminNotice>
      ) : (
        <>
          <Panel title="Revenue per day">
            <BarChart
              title="Revenue per business day"
              summary={`${summary.days.length} days, ${money(totals.total)} in total; best day ${day(bestDay.date, LONG_DAY)} with ${money(bestDay.total)}.`}
              bars={summary.days.map((d) => ({
                label: day(d.date, SHORT_DAY).split(" ").slice(1).join(" "),
                longLabel: day(d.date, LONG_DAY),
                value: d.total,
              }))}
              format={money}
              valueHeading="Revenue"
              table={false}
            />
            <RevenueTable summary={summary} money={money} />
          </Panel>
          <div className="grid gap-5 lg:grid-cols-2">
            <Panel title="Busy hours">
              <BarChart
                title="Orders by hour of the day"
                summary={`Busiest hour ${String(busiest).padStart(2, "0")}:00 with ${summary.ordersByHour[busiest]} orders.`}
                bars={hours}
                format={(n) => `${n} orders`}
                width={440}
                valueHeading="Orders"
              />
            </Panel>
            <Panel title="Cancellations and rejections">
              {summary.exits.length === 0 ? (
                <p className="text-muted-foreground text-sm">None in this range.</p>
              ) : (
                <Table className="text-sm">
                  <TableCaption className="sr-only">Cancelled and rejected orders by reason</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Status</TableHead>
                      <TableHead>Reason</TableHead>
                      <TableHead className="text-right">Orders</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {summary.exits.map((exit) => (
                      <TableRow key={`${exit.status}|${exit.reason ?? ""}`}>
                        <TableCell className="capitalize">{exit.status}</TableCell>
                        <TableCell>
                          {exit.reason ?? <span className="text-muted-foreground">No reason given</span>}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{exit.count}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Panel>
          </div>
          <div className="grid gap-5 lg:grid-cols-2">
            <Panel title="Top items by quantity">
              <ItemsTable items={summary.topItems.byQuantity} money={money} caption="Best sellers by quantity" />
            </Panel>
            <Panel title="Top items by revenue">
              <ItemsTable items={summary.topItems.byRevenue} money={money} caption="Best sellers by revenue" />
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}

function ItemsTable({
  items,
  money,
  caption,
}: {
  items: ItemSales[];
  money: (paise: number) => string;
  caption: string;
}) {
  return (
    <Table className="text-sm">
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Item</TableHead>
          <TableHead className="text-right">Sold</TableHead>
          <TableHead className="text-right">Revenue</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.menuItemId}>
            <TableCell>{item.name}</TableCell>
            <TableCell className="text-right tabular-nums">{item.quantity}</TableCell>
            <TableCell className="text-right tabular-nums">{money(item.revenue)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Each business day's money in full (the chart's exact figures), with the range's totals. */
function RevenueTable({ summary, money }: { summary: AnalyticsSummary; money: (paise: number) => string }) {
  const row = (label: string, f: AnalyticsSummary["totals"]) => (
    <>
      <TableCell>{label}</TableCell>
      <TableCell className="text-right tabular-nums">{f.orders}</TableCell>
      <TableCell className="text-right tabular-nums">{money(f.subtotal)}</TableCell>
      <TableCell className="text-right tabular-nums">{money(f.serviceCharge)}</TableCell>
      <TableCell className="text-right tabular-nums">{money(f.tax)}</TableCell>
      <TableCell className="text-right tabular-nums">{money(f.tip)}</TableCell>
      <TableCell className="text-right font-semibold tabular-nums">{money(f.total)}</TableCell>
    </>
  );
  return (
    <details className="text-sm">
      <summary className="text-muted-foreground cursor-pointer">Revenue breakdown per day</summary>
      <Table className="mt-2">
        <TableCaption className="sr-only">Revenue per business day</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Business day</TableHead>
            <TableHead className="text-right">Orders</TableHead>
            <TableHead className="text-right">Subtotal</TableHead>
            <TableHead className="text-right">Service charge</TableHead>
            <TableHead className="text-right">Tax</TableHead>
            <TableHead className="text-right">Tips</TableHead>
            <TableHead className="text-right">Total</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.days.map((d) => (
            <TableRow key={d.date}>{row(day(d.date, SHORT_DAY), d)}</TableRow>
          ))}
          <TableRow className="font-semibold">{row("Total", summary.totals)}</TableRow>
        </TableBody>
      </Table>
    </details>
  );
}
