"use client";
import type { MenuItemView, SessionView, TableMenuView } from "@tabletap/core";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useDeferredClient } from "@/lib/api";
import { useCart, useCartEstimate, type CartLine } from "@/lib/cart";
import { errorCode, errorMessage } from "@/lib/errors";
import { money, plural } from "@/lib/format";
import { recentOrdersAt, rememberOrder, type RecentOrder } from "@/lib/recent-orders";
import { InvalidTable } from "./InvalidTable";
import { MenuView } from "./MenuView";
import { SignIn, type Guest } from "./SignIn";

const MENU_REFRESH_MS = 60_000;

// The sheets open on a tap: they load after hydration (prefetched on mount), not with the page.
const loadItemDialog = () => import("./ItemDialog");
const loadCartSheet = () => import("./CartSheet");
const ItemDialog = lazy(() => loadItemDialog().then((m) => ({ default: m.ItemDialog })));
const CartSheet = lazy(() => loadCartSheet().then((m) => ({ default: m.CartSheet })));

/** A short message in a polite live region ("Added Butter Naan"). */
function useToast() {
  const [toast, setToast] = useState<{ id: number; text: string } | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), 2600);
    return () => window.clearTimeout(timer);
  }, [toast]);
  const show = useCallback((text: string) => setToast({ id: Date.now(), text }), []);
  return { toast, show };
}

/** Shown for the moment a sheet's code is still loading (only on a very slow first visit). */
function SheetLoading() {
  return (
    <p className="sheet-loading" role="status">
      Opening…
    </p>
  );
}

function TableHeader({ menu, guest, onSignOut }: { menu: TableMenuView; guest: Guest | null; onSignOut: () => void }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <div className="site-header__titles">
          <h1 className="site-header__title">{menu.restaurant.name}</h1>
          <p className="site-header__subtitle">
            <span className="table-pill">Table {menu.table.label}</span>
          </p>
        </div>
        {guest && (
          <button type="button" className="link-button site-header__action" onClick={onSignOut}>
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}

function RecentOrders({ orders }: { orders: RecentOrder[] }) {
  if (orders.length === 0) return null;
  return (
    <nav className="recent-orders" aria-label="Your orders at this table">
      {orders.slice(0, 3).map((order) => (
        <a key={order.id} href={`/orders/${order.id}`} className="recent-orders__link">
          <span>
            Track order <strong>{order.number}</strong>
          </span>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M9 6l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </a>
      ))}
    </nav>
  );
}

/**
 * The guest's page for one table: sign-in (phone, then code), the menu, the cart and checkout.
 * The menu and session arrive rendered by the server, so the page works before the API client
 * has loaded (`useDeferredClient`); the menu refreshes every minute while the page is visible, so
 * sold-out items grey out without a reload.
 */
export function TableApp({
  tableCode,
  initialMenu,
  initialSession,
  canRefresh,
}: {
  tableCode: string;
  initialMenu: TableMenuView;
  initialSession: SessionView;
  canRefresh: boolean;
}) {
  const router = useRouter();
  const { getClient, bridge } = useDeferredClient();
  const [menu, setMenu] = useState(initialMenu);
  const [menuState, setMenuState] = useState<"ok" | "stale" | "gone">("ok");
  const [guest, setGuest] = useState<Guest | null>(initialSession.guest);
  // auth.session only reads the 15-minute access cookie; with a refresh cookie left, renew first.
  const [checkingSession, setCheckingSession] = useState(canRefresh && !initialSession.guest);
  const cart = useCart(tableCode);
  const estimate = useCartEstimate(cart.lines, menu);
  const { toast, show: showToast } = useToast();

  const [browsing, setBrowsing] = useState(false);
  const [cartOpen, setCartOpen] = useState(false);
  const [resumeCheckout, setResumeCheckout] = useState(false);
  const [activeItem, setActiveItem] = useState<MenuItemView | null>(null);
  const [placing, setPlacing] = useState(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [receiptEmail, setReceiptEmail] = useState(initialSession.guest?.email ?? "");
  const [recent, setRecent] = useState<RecentOrder[]>([]);
  const placingRef = useRef(false);

  useEffect(() => setRecent(recentOrdersAt(tableCode)), [tableCode]);
  useEffect(() => {
    void loadItemDialog().catch(() => undefined);
    void loadCartSheet().catch(() => undefined);
  }, []);

  const refreshStarted = useRef(false);
  useEffect(() => {
    // Once only: refresh tokens rotate, and React runs effects twice in development.
    if (!checkingSession || refreshStarted.current) return;
    refreshStarted.current = true;
    (async () => {
      const client = await getClient();
      await client.auth.refresh.mutate();
      const session = await client.auth.session.query();
      setGuest(session.guest);
      setReceiptEmail(session.guest?.email ?? "");
    })()
      .catch(() => undefined)
      .finally(() => setCheckingSession(false));
  }, [checkingSession, getClient]);

  const refreshMenu = useCallback(async () => {
    try {
      const client = await getClient();
      setMenu(await client.menu.forTable.query({ tableCode }));
      setMenuState("ok");
    } catch (error) {
      setMenuState(errorCode(error) === "NOT_FOUND" ? "gone" : "stale");
    }
  }, [getClient, tableCode]);

  useEffect(() => {
    let last = Date.now();
    const tick = () => {
      if (document.visibilityState !== "visible" || Date.now() - last < MENU_REFRESH_MS - 1000) return;
      last = Date.now();
      void refreshMenu();
    };
    const timer = window.setInterval(tick, MENU_REFRESH_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [refreshMenu]);

  const quantities = useMemo(() => {
    const map = new Map<string, number>();
    for (const line of cart.lines) map.set(line.menuItemId, (map.get(line.menuItemId) ?? 0) + line.quantity);
    return map;
  }, [cart.lines]);

  const showMenu = !!guest || browsing;

  function addLine(line: Omit<CartLine, "key">, name: string) {
    cart.add(line);
    setPlaceError(null);
    showToast(line.quantity > 1 ? `Added ${line.quantity} × ${name}` : `Added ${name}`);
  }

  function onAddItem(item: MenuItemView) {
    if (!item.available) return;
    if (item.modifierGroups.length > 0) setActiveItem(item);
    else addLine({ menuItemId: item.id, quantity: 1, optionIds: [], notes: "" }, item.name);
  }

  function onSignedIn(signedIn: Guest) {
    setGuest(signedIn);
    setReceiptEmail(signedIn.email ?? "");
    setBrowsing(false);
    if (resumeCheckout) {
      setResumeCheckout(false);
      setCartOpen(true);
    }
    window.scrollTo({ top: 0 });
  }

  function onSignInToOrder() {
    setCartOpen(false);
    setResumeCheckout(true);
    setBrowsing(false);
    window.scrollTo({ top: 0 });
  }

  async function onPlaceOrder() {
    if (placingRef.current || cart.lines.length === 0) return;
    placingRef.current = true;
    setPlacing(true);
    setPlaceError(null);
    // One key per checkout attempt, kept until an order is placed: a double tap or a retry after
    // a dropped connection gets the same order back instead of a second one.
    const idempotencyKey = cart.checkoutKey();
    try {
      const client = await getClient();
      // Save a new receipt address first, so the worker's confirmation email goes to it.
      if (guest && receiptEmail.trim().toLowerCase() !== (guest.email ?? "")) {
        setGuest(await client.customer.updateProfile.mutate({ email: receiptEmail }));
      }
      const order = await client.order.place.mutate({
        tableCode,
        idempotencyKey,
        items: cart.lines.map((line) => ({
          menuItemId: line.menuItemId,
          quantity: line.quantity,
          ...(line.optionIds.length > 0 ? { optionIds: line.optionIds } : {}),
          ...(line.notes ? { notes: line.notes } : {}),
        })),
      });
      rememberOrder({ id: order.id, number: order.number, tableCode, tableLabel: order.tableLabel, placedAt: order.placedAt });
      cart.clear();
      setCartOpen(false);
      router.push(`/orders/${order.id}`);
    } catch (error) {
      const code = errorCode(error);
      if (code === "UNAUTHORIZED") {
        setGuest(null);
        onSignInToOrder();
      } else {
        setPlaceError(errorMessage(error));
        // A sold-out item or a changed menu: show the current menu in the cart.
        if (code === "BAD_REQUEST" || code === "NOT_FOUND") void refreshMenu();
      }
    } finally {
      placingRef.current = false;
      setPlacing(false);
    }
  }

  async function onSignOut() {
    try {
      await (await getClient()).auth.logout.mutate();
    } catch {
      // Signed out here regardless; the cookies expire on their own.
    }
    setGuest(null);
    setBrowsing(false);
  }

  if (menuState === "gone") return <InvalidTable />;

  return (
    <>
      <TableHeader menu={menu} guest={guest} onSignOut={() => void onSignOut()} />
      <main id="main" className={`page${estimate.count > 0 && showMenu ? " page--with-cart" : ""}`}>
        {!showMenu ? (
          <div className="container">
            {checkingSession ? (
              <div className="card signin-card" aria-busy="true">
                <p className="visually-hidden" role="status">
                  Checking whether you&apos;re signed in…
                </p>
                <div className="skeleton skeleton--title" />
                <div className="skeleton skeleton--line" />
                <div className="skeleton skeleton--input" />
                <div className="skeleton skeleton--button" />
              </div>
            ) : (
              <>
                <section className="card signin-card" aria-label="Sign in">
                  {resumeCheckout && estimate.count > 0 && (
                    <p className="alert alert--info signin-card__resume">
                      Sign in to place your order of {plural(estimate.count, "item")}. Your cart is saved.
                    </p>
                  )}
                  <SignIn getClient={getClient} onSignedIn={onSignedIn} />
                </section>
                <div className="browse-first">
                  <p>Just looking?</p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setBrowsing(true);
                      setResumeCheckout(false);
                    }}
                  >
                    Browse the menu first
                  </button>
                </div>
                <RecentOrders orders={recent} />
              </>
            )}
          </div>
        ) : (
          <>
            {!guest && (
              <div className="container">
                <div className="banner">
                  <p>You&apos;re browsing. Sign in when you&apos;re ready to order.</p>
                  <button type="button" className="button button--small button--secondary" onClick={() => setBrowsing(false)}>
                    Sign in
                  </button>
                </div>
              </div>
            )}
            {recent.length > 0 && (
              <div className="container">
                <RecentOrders orders={recent} />
              </div>
            )}
            {menuState === "stale" && (
              <div className="container">
                <p className="alert alert--warning" role="status">
                  We couldn&apos;t refresh the menu. You&apos;re seeing it as of a moment ago.
                </p>
              </div>
            )}
            <MenuView menu={menu} quantities={quantities} onAdd={onAddItem} />
          </>
        )}
      </main>

      <div className="toast-region" role="status" aria-live="polite">
        {toast && (
          <p key={toast.id} className={`toast${estimate.count > 0 && showMenu ? " toast--above-cart" : ""}`}>
            {toast.text}
          </p>
        )}
      </div>

      {showMenu && cart.loaded && estimate.count > 0 && (
        <div className="cart-bar">
          <button type="button" className="cart-bar__button" onClick={() => setCartOpen(true)} aria-haspopup="dialog">
            <span className="cart-bar__count" aria-hidden="true">
              {estimate.count}
            </span>
            <span className="cart-bar__label">
              View cart<span className="visually-hidden"> · {plural(estimate.count, "item")}</span>
            </span>
            <span className="cart-bar__total">
              <span className="visually-hidden"> · </span>
              {money(estimate.total, menu.restaurant.currency)}
            </span>
          </button>
        </div>
      )}

      {activeItem && (
        <Suspense fallback={<SheetLoading />}>
          <ItemDialog
            item={activeItem}
            currency={menu.restaurant.currency}
            onClose={() => setActiveItem(null)}
            onAdd={(line) => {
              setActiveItem(null);
              addLine(line, activeItem.name);
            }}
          />
        </Suspense>
      )}
      {cartOpen && (
        <Suspense fallback={<SheetLoading />}>
          <CartSheet
            open
            onClose={() => setCartOpen(false)}
            menu={menu}
            cart={cart}
            estimate={estimate}
            signedIn={!!guest}
            placing={placing}
            error={placeError}
            receiptEmail={receiptEmail}
            onReceiptEmailChange={setReceiptEmail}
            onPlaceOrder={() => void onPlaceOrder()}
            onSignIn={onSignInToOrder}
          />
        </Suspense>
      )}
      {bridge}
    </>
  );
}
