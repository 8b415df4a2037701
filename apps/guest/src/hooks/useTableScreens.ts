"use client";
import type { MenuItemView } from "@tabletap/core";
import { useEffect, useState } from "react";

/**
 * What the table page shows besides the menu: sign-in or browsing for a signed-out guest, the
 * cart sheet, the item sheet (`activeItem`), and whether to reopen the cart after signing in
 * (`resumeCheckout`, set when "Sign in to place order" sent the guest to sign in).
 */
export function useTableScreens() {
  const [browsing, setBrowsing] = useState(false);
  const [cartOpen, setCartOpen] = useState(false);
  const [resumeCheckout, setResumeCheckout] = useState(false);
  const [activeItem, setActiveItem] = useState<MenuItemView | null>(null);

  // "/t/{code}#cart" (Reorder from the order history) opens the cart; the hash is dropped.
  useEffect(() => {
    if (window.location.hash !== "#cart") return;
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    setCartOpen(true);
  }, []);

  return {
    browsing,
    cartOpen,
    resumeCheckout,
    activeItem,
    openCart: () => setCartOpen(true),
    closeCart: () => setCartOpen(false),
    openItem: setActiveItem,
    closeItem: () => setActiveItem(null),
    /** "Browse the menu first": the menu without signing in. */
    browse: () => {
      setBrowsing(true);
      setResumeCheckout(false);
    },
    /** Back to the sign-in form, from the browsing banner or after signing out. */
    showSignIn: () => setBrowsing(false),
    /** The cart needs a signed-in guest: sign in, then come back to the cart. */
    signInToOrder: () => {
      setCartOpen(false);
      setResumeCheckout(true);
      setBrowsing(false);
      window.scrollTo({ top: 0 });
    },
    /** Signed in: the menu, and the cart again if the guest was checking out. */
    signedIn: () => {
      setBrowsing(false);
      if (resumeCheckout) {
        setResumeCheckout(false);
        setCartOpen(true);
      }
      window.scrollTo({ top: 0 });
    },
  };
}
