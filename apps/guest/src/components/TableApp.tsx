"use client";
import type { MenuItemView, SessionView, TableMenuView } from "@tabletap/core";
import { ORDERING_PAUSED_MESSAGE } from "@tabletap/core/cart";
import { resolveModifierChoices } from "@tabletap/core/pricing";
import { lazy, Suspense, useEffect } from "react";
import { useCart, useCartEstimate, useCartQuantities } from "@/hooks/useCart";
import { useGuestSession, type Guest } from "@/hooks/useGuestSession";
import { usePlaceOrder } from "@/hooks/usePlaceOrder";
import { useRecentOrders } from "@/hooks/useRecentOrders";
import { useTableMenu } from "@/hooks/useTableMenu";
import { useTableScreens } from "@/hooks/useTableScreens";
import { useToast } from "@/hooks/useToast";
import type { CartLine } from "@/lib/cart";
import { useDeferredClient } from "@/trpc/deferred-client";
import { CartBar } from "./CartBar";
import { MenuScreen } from "./MenuScreen";
import { SignInGate } from "./SignInGate";
import { TableHeader } from "./TableHeader";

// The sheets open on a tap: they load after hydration (prefetched on mount), not with the page.
const loadItemDialog = () => import("./ItemDialog");
const loadCartSheet = () => import("./CartSheet");
// Shown only when the table is deactivated while the page is open: loaded then, not with the page.
const InvalidTable = lazy(() => import("./InvalidTable").then((m) => ({ default: m.InvalidTable })));
const ItemDialog = lazy(() => loadItemDialog().then((m) => ({ default: m.ItemDialog })));
const CartSheet = lazy(() => loadCartSheet().then((m) => ({ default: m.CartSheet })));

/** Shown for the moment a sheet's code is still loading (only on a very slow first visit). */
function SheetLoading() {
  return (
    <p className="sheet-loading" role="status">
      Opening…
    </p>
  );
}

/**
 * The guest's page for one table: sign-in (phone, then code), the menu, the cart and checkout.
 * The menu and session arrive rendered by the server, so the page works before the API client
 * has loaded (`useDeferredClient`).
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
  const { getClient, bridge } = useDeferredClient();
  const menu = useTableMenu(tableCode, initialMenu, getClient);
  const session = useGuestSession(initialSession, canRefresh, getClient);
  const screens = useTableScreens();
  const cart = useCart(tableCode);
  const estimate = useCartEstimate(cart.lines, menu.menu);
  const quantities = useCartQuantities(cart.lines);
  const recent = useRecentOrders(tableCode);
  const toast = useToast();
  const checkout = usePlaceOrder({
    tableCode,
    cart,
    guest: session.guest,
    setGuest: session.setGuest,
    getClient,
    onPlaced: screens.closeCart,
    onSignedOut: screens.signInToOrder,
    onMenuChanged: () => void menu.refresh(),
  });

  // The manager resumed ordering: a "not taking orders" refusal from a moment ago no longer holds.
  const { clearError } = checkout;
  const paused = menu.menu.restaurant.orderingPaused;
  useEffect(() => {
    if (!paused) clearError();
  }, [paused, clearError]);

  useEffect(() => {
    void loadItemDialog().catch(() => undefined);
    void loadCartSheet().catch(() => undefined);
  }, []);

  const showMenu = !!session.guest || screens.browsing;
  const withCart = estimate.count > 0 && showMenu;

  function addLine(line: Omit<CartLine, "key">, name: string) {
    // Remembers the unit price shown now, so the cart can flag a later change.
    const item = menu.menu.categories.flatMap((c) => c.items).find((i) => i.id === line.menuItemId);
    cart.add(item ? { ...line, seenUnitPrice: resolveModifierChoices(item, line.optionIds).unitPrice } : line);
    checkout.clearError();
    toast.show(line.quantity > 1 ? `Added ${line.quantity} × ${name}` : `Added ${name}`);
  }

  function onAddItem(item: MenuItemView) {
    if (!item.available) return;
    if (item.modifierGroups.length > 0) screens.openItem(item);
    else addLine({ menuItemId: item.id, quantity: 1, optionIds: [], notes: "" }, item.name);
  }

  function onSignedIn(guest: Guest) {
    session.setGuest(guest);
    screens.signedIn();
  }

  async function onSignOut() {
    await session.signOut();
    screens.showSignIn();
  }

  if (menu.state === "gone")
    return (
      <Suspense fallback={null}>
        <InvalidTable />
      </Suspense>
    );

  return (
    <>
      <TableHeader
        tableCode={tableCode}
        menu={menu.menu}
        signedIn={!!session.guest}
        onSignOut={() => void onSignOut()}
      />
      <main id="main" className={`page ${withCart ? "page--with-cart" : ""}`}>
        {showMenu ? (
          <MenuScreen
            tableCode={tableCode}
            menu={menu.menu}
            stale={menu.state === "stale"}
            signedIn={!!session.guest}
            recent={recent}
            quantities={quantities}
            onAdd={onAddItem}
            onSignIn={screens.showSignIn}
          />
        ) : (
          <SignInGate
            tableCode={tableCode}
            checking={session.checking}
            resumeCount={screens.resumeCheckout ? estimate.count : 0}
            recent={recent}
            getClient={getClient}
            onSignedIn={onSignedIn}
            onBrowse={screens.browse}
          />
        )}
      </main>

      <div className="toast-region" role="status" aria-live="polite">
        {toast.toast && (
          <p key={toast.toast.id} className={`toast ${withCart ? "toast--above-cart" : ""}`}>
            {toast.toast.text}
          </p>
        )}
      </div>

      {showMenu && cart.loaded && estimate.count > 0 && (
        <CartBar
          count={estimate.count}
          total={estimate.total}
          currency={menu.menu.restaurant.currency}
          notice={paused ? ORDERING_PAUSED_MESSAGE : null}
          onOpen={screens.openCart}
        />
      )}

      {screens.activeItem && (
        <Suspense fallback={<SheetLoading />}>
          <ItemDialog
            item={screens.activeItem}
            currency={menu.menu.restaurant.currency}
            onClose={screens.closeItem}
            onAdd={(line) => {
              const name = screens.activeItem?.name ?? "";
              screens.closeItem();
              addLine(line, name);
            }}
          />
        </Suspense>
      )}
      {screens.cartOpen && (
        <Suspense fallback={<SheetLoading />}>
          <CartSheet
            open
            onClose={screens.closeCart}
            menu={menu.menu}
            tableCode={tableCode}
            cart={cart}
            estimate={estimate}
            guest={session.guest}
            getClient={getClient}
            onGuestChange={session.setGuest}
            placing={checkout.placing}
            error={checkout.error}
            receiptEmail={checkout.receiptEmail}
            onReceiptEmailChange={checkout.setReceiptEmail}
            onPlaceOrder={() => void checkout.placeOrder()}
            onSignIn={screens.signInToOrder}
          />
        </Suspense>
      )}
      {bridge}
    </>
  );
}
