"use client";
import { billTotal } from "@tabletap/core/bill";
import type { TabView } from "@tabletap/core/tab";
import { lazy, Suspense, useEffect, useState } from "react";
import { useLiveTab } from "@/hooks/useLiveTab";
import { usePayment } from "@/hooks/usePayment";
import { money } from "@/lib/format";
import type { LiveState } from "@/hooks/useLiveFallback";
import { LiveIndicator } from "./LiveIndicator";
import { ServiceRequests } from "./ServiceRequests";
import { QueryUnavailable } from "./QueryUnavailable";
import { TabPayments, TabTotals } from "./TabTotals";
import { TabRounds } from "./TabRounds";

// The pay sheet opens on a tap: its code loads after the page (prefetched on mount).
const loadPaySheet = () => import("./PaySheet");
const PaySheet = lazy(() => loadPaySheet().then((m) => ({ default: m.PaySheet })));

type OpenTab = TabView & { session: NonNullable<TabView["session"]> };

/** The bill page's header: its title, the table, and the live stream's state. */
function BillHeader({
  label,
  live,
  finished,
  onReconnect,
}: {
  label: string | null;
  live: LiveState;
  finished: boolean;
  onReconnect: () => void;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <div className="site-header__titles">
          <h1 className="site-header__title">Your table&apos;s bill</h1>
          {label && (
            <p className="site-header__subtitle">
              <span className="table-pill">Table {label}</span>
            </p>
          )}
        </div>
        <LiveIndicator live={live} finished={finished} onRetry={onReconnect} />
      </div>
    </header>
  );
}

/** The bill while it loads. */
function BillSkeleton() {
  return (
    <main id="main" className="page" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading the bill…
      </p>
      <div className="container">
        {[0, 1].map((card) => (
          <div key={card} className="card">
            <div className="skeleton skeleton--title" />
            {[0, 1, 2].map((i) => (
              <div key={i} className="skeleton skeleton--line" />
            ))}
          </div>
        ))}
      </div>
    </main>
  );
}

/** The guest's counter payment waiting for staff: the amount to show at the counter. */
function CounterNotice({ tab }: { tab: OpenTab }) {
  const waiting = tab.session.payments.filter(
    (payment) => payment.payer.mine && payment.method === "counter" && payment.status === "pending",
  );
  if (waiting.length === 0) return null;
  const total = waiting.reduce((sum, payment) => sum + payment.total, 0);
  return (
    <div className="card counter-notice" role="status">
      <p className="counter-notice__title">Show this at the counter: {money(total, tab.currency)}</p>
      <p className="muted">Staff will mark it paid when you pay by cash, card or UPI.</p>
    </div>
  );
}

/**
 * The table's bill, live for every guest at the table: the rounds by who ordered them, what's
 * paid and left to pay, the payments, service requests, "Order more" and "Pay" (the pay sheet,
 * loaded on demand). Reads the tab from the query cache the server page hydrated (`useLiveTab`).
 */
export function BillScreen({ tableCode }: { tableCode: string }) {
  const { query, tab, finished, live, reconnect } = useLiveTab(tableCode);
  const payment = usePayment(tableCode);
  const [payOpen, setPayOpen] = useState(false);
  const [payMounted, setPayMounted] = useState(false);

  useEffect(() => {
    void loadPaySheet().catch(() => undefined);
  }, []);

  // Razorpay Checkout opens over the page: the sheet (a modal dialog, which would keep the
  // checkout inert beneath it) steps aside meanwhile and comes back with the result.
  const step = payment.state.step;
  // The dialog's close event comes after the render that hid it, so this sees the current step.
  const closePay = () => {
    if (step === "checkout") return;
    setPayOpen(false);
    // A result the guest has seen isn't shown again next time.
    if (step === "paid" || step === "counter") payment.reset();
  };

  if (!tab) {
    return (
      <>
        <BillHeader label={null} live={live} finished onReconnect={reconnect} />
        {query.isPending ? (
          <BillSkeleton />
        ) : (
          <QueryUnavailable
            query={query}
            title="We couldn't load the bill"
            headingLevel={2}
            signIn={{
              heading: "Sign in to see the bill",
              lead: "Use your phone number: everyone at the table sees the same bill.",
              tableCode,
            }}
          />
        )}
      </>
    );
  }

  const menuUrl = `/t/${tableCode}`;
  const session = tab.session;
  const header = (
    <BillHeader label={tab.table.label} live={live} finished={finished || !session} onReconnect={reconnect} />
  );

  if (!session || session.rounds.length === 0) {
    return (
      <>
        {header}
        <main id="main" className="page">
          <div className="container">
            <div className="card empty">
              <p className="empty__title">Nothing on the bill yet</p>
              <p>Orders from everyone at this table show up here as they&apos;re placed.</p>
              <a href={menuUrl} className="button button--primary button--block">
                See the menu
              </a>
            </div>
          </div>
        </main>
      </>
    );
  }

  const openTab = { ...tab, session };
  const due = billTotal(session.totals.due);
  const canPay = session.status === "open" && due > 0;

  return (
    <>
      {header}
      <main id="main" className="page page--with-cart">
        <div className="container">
          {finished ? (
            <div className="card settled" role="status">
              <p className="settled__title">All paid — thank you!</p>
              <p className="muted">This table&apos;s bill is settled. We hope to see you again.</p>
            </div>
          ) : (
            <CounterNotice tab={openTab} />
          )}
          <TabRounds rounds={session.rounds} currency={tab.currency} />
          <TabTotals tab={openTab} />
          <TabPayments payments={session.payments} currency={tab.currency} />
          {session.status === "open" && (
            <ServiceRequests
              tableCode={tableCode}
              requests={session.requests}
              onRequested={() => void query.refetch()}
            />
          )}
        </div>
      </main>

      <div className="bill-bar">
        <div className="bill-bar__inner">
          <a href={menuUrl} className="button button--secondary bill-bar__more">
            Order more
          </a>
          {canPay && (
            <button
              type="button"
              className="button button--primary bill-bar__pay"
              aria-haspopup="dialog"
              onClick={() => {
                setPayMounted(true);
                setPayOpen(true);
              }}
            >
              Pay
              <span className="bill-bar__due" aria-hidden="true">
                {money(due, tab.currency)}
              </span>
            </button>
          )}
        </div>
      </div>

      {payMounted && (session.status === "open" || payOpen) && (
        <Suspense
          fallback={
            <p className="sheet-loading" role="status">
              Opening…
            </p>
          }
        >
          <PaySheet
            open={payOpen && step !== "checkout"}
            session={session}
            currency={tab.currency}
            state={payment.state}
            onPay={(choice, method) => void payment.pay(choice, method)}
            onDone={() => {
              payment.reset();
              setPayOpen(false);
            }}
            onClose={closePay}
          />
        </Suspense>
      )}
    </>
  );
}
