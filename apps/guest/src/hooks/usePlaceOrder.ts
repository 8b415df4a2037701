"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorCode, errorMessage } from "@/lib/errors";
import { rememberOrder } from "@/lib/recent-orders";
import type { GetClient } from "@/trpc/deferred-client";
import type { Cart } from "./useCart";
import type { Guest } from "./useGuestSession";

/**
 * Checkout: places the cart as an order (`order.place`) and opens its page. One idempotency key
 * per checkout attempt, kept until an order is placed: a double tap or a retry after a dropped
 * connection gets the same order back instead of a second one. A changed receipt email is saved
 * first (`customer.updateProfile`), so the worker's confirmation goes to it. A signed-out guest
 * is sent to sign in (`onSignedOut`); a refused cart (sold out, menu changed, ordering paused a
 * moment ago) shows the server's message and refreshes the menu (`onMenuChanged`).
 */
export function usePlaceOrder({
  tableCode,
  cart,
  guest,
  setGuest,
  getClient,
  onPlaced,
  onSignedOut,
  onMenuChanged,
}: {
  tableCode: string;
  cart: Cart;
  guest: Guest | null;
  setGuest: (guest: Guest | null) => void;
  getClient: GetClient;
  onPlaced: () => void;
  onSignedOut: () => void;
  onMenuChanged: () => void;
}) {
  const router = useRouter();
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receiptEmail, setReceiptEmail] = useState(guest?.email ?? "");
  const placingRef = useRef(false);

  // A newly signed-in guest starts from the email on their profile.
  const guestId = guest?.id;
  const guestRef = useRef(guest);
  guestRef.current = guest;
  useEffect(() => setReceiptEmail(guestRef.current?.email ?? ""), [guestId]);

  async function placeOrder() {
    if (placingRef.current || cart.lines.length === 0) return;
    placingRef.current = true;
    setPlacing(true);
    setError(null);
    const idempotencyKey = cart.checkoutKey();
    try {
      const client = await getClient();
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
        // A blank note is stored as none.
        note: cart.note,
        allergies: cart.allergies,
      });
      rememberOrder({
        id: order.id,
        number: order.number,
        tableCode,
        tableLabel: order.tableLabel,
        placedAt: order.placedAt,
      });
      cart.clear();
      onPlaced();
      router.push(`/orders/${order.id}`);
    } catch (caught) {
      const code = errorCode(caught);
      if (code === "UNAUTHORIZED") {
        setGuest(null);
        onSignedOut();
      } else {
        setError(errorMessage(caught));
        // CONFLICT: an item sold out or was 86'd ("Paneer Tikka just sold out"): the refetched menu marks its line.
        if (code === "BAD_REQUEST" || code === "NOT_FOUND" || code === "CONFLICT" || code === "PRECONDITION_FAILED")
          onMenuChanged();
      }
    } finally {
      placingRef.current = false;
      setPlacing(false);
    }
  }

  const clearError = useCallback(() => setError(null), []);

  return { placing, error, clearError, receiptEmail, setReceiptEmail, placeOrder };
}
