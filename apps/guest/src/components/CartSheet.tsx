"use client";
import type { TableMenuView } from "@tabletap/core";
import { useId } from "react";
import type { Cart } from "@/hooks/useCart";
import type { Guest } from "@/hooks/useGuestSession";
import type { CartEstimate } from "@/lib/cart";
import { money } from "@/lib/format";
import type { GetClient } from "@/trpc/deferred-client";
import { CartLineItem } from "./CartLineItem";
import { EstimatedBill } from "./EstimatedBill";
import { KitchenEstimate } from "./KitchenEstimate";
import { OrderExtras } from "./OrderExtras";
import { ReceiptEmail } from "./ReceiptEmail";
import { Sheet } from "./Sheet";

/**
 * The cart: lines with modifiers and notes, quantities, the estimated bill and each line's flag
 * (`checkCart` on the live menu), the receipt email (verified before anything is sent to it:
 * `ReceiptEmail`) and "Place order", disabled with the reason while the cart can't be ordered
 * (paused ordering, a line to remove).
 */
export function CartSheet({
  open,
  onClose,
  menu,
  tableCode,
  cart,
  estimate,
  guest,
  getClient,
  onGuestChange,
  placing,
  error,
  receiptEmail,
  onReceiptEmailChange,
  onPlaceOrder,
  onSignIn,
}: {
  open: boolean;
  onClose: () => void;
  menu: TableMenuView;
  /** The table's QR code (for the kitchen's estimate before ordering). */
  tableCode: string;
  cart: Cart;
  estimate: CartEstimate;
  /** The signed-in guest, or null (then "Sign in to place order"). */
  guest: Guest | null;
  getClient: GetClient;
  /** The guest after verifying their email. */
  onGuestChange: (guest: Guest) => void;
  placing: boolean;
  error: string | null;
  /** The email the receipt goes to ("" for none); only asked once the guest is signed in. */
  receiptEmail: string;
  onReceiptEmailChange: (email: string) => void;
  onPlaceOrder: () => void;
  onSignIn: () => void;
}) {
  const titleId = useId();
  const { currency } = menu.restaurant;
  const empty = estimate.lines.length === 0;

  const footer = empty ? (
    <button type="button" className="button button--secondary button--block" onClick={onClose}>
      Browse the menu
    </button>
  ) : (
    <>
      {error && (
        <p role="alert" className="alert alert--error">
          {error}
        </p>
      )}
      {estimate.blockedReason && !error && (
        <p role="alert" className="alert alert--warning" id={`${titleId}-blocked`}>
          {estimate.blockedReason}
        </p>
      )}
      {guest && (
        <ReceiptEmail
          guest={guest}
          email={receiptEmail}
          onEmailChange={onReceiptEmailChange}
          getClient={getClient}
          onVerified={onGuestChange}
        />
      )}
      {guest ? (
        <button
          type="button"
          className="button button--primary button--block button--large"
          onClick={onPlaceOrder}
          disabled={placing || !!estimate.blockedReason}
          aria-describedby={estimate.blockedReason && !error ? `${titleId}-blocked` : `${titleId}-total`}
        >
          {placing ? "Placing order…" : `Place order · ${money(estimate.total, currency)}`}
        </button>
      ) : (
        <button type="button" className="button button--primary button--block button--large" onClick={onSignIn}>
          Sign in to place order
        </button>
      )}
    </>
  );

  return (
    <Sheet open={open} onClose={onClose} title="Your cart" titleId={titleId} footer={footer}>
      {empty ? (
        <div className="empty">
          <svg className="empty__icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
            <path
              d="M8 10h5l5 22h20l4-15H16"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
            <circle cx="20" cy="39" r="2.5" fill="currentColor" />
            <circle cx="35" cy="39" r="2.5" fill="currentColor" />
          </svg>
          <p className="empty__title">Your cart is empty</p>
          <p>Add something tasty from the menu.</p>
        </div>
      ) : (
        <>
          <p className="cart__table">
            {menu.restaurant.name} · Table {menu.table.label}
          </p>
          <ul className="cart-lines" aria-label="Cart items">
            {estimate.lines.map((line) => (
              <CartLineItem key={line.key} line={line} currency={currency} cart={cart} />
            ))}
          </ul>
          <OrderExtras cart={cart} />
          <EstimatedBill estimate={estimate} restaurant={menu.restaurant} totalId={`${titleId}-total`} />
          <KitchenEstimate tableCode={tableCode} getClient={getClient} />
          <p className="fine-print">
            This is an estimate. The restaurant confirms the final price when you place your order.
          </p>
        </>
      )}
    </Sheet>
  );
}
