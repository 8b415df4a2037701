"use client";

/** What Razorpay Checkout hands to `handler` after a successful payment (Razorpay Checkout docs, "Handler Function"). */
interface RazorpaySuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

/** The options of `new Razorpay(options)` this app uses (Razorpay Checkout docs, "Checkout Form Options"). */
interface RazorpayOptions {
  key: string;
  order_id: string;
  /** Paise. */
  amount: number;
  currency: string;
  name: string;
  description?: string;
  prefill?: { contact?: string; email?: string; name?: string };
  handler: (response: RazorpaySuccess) => void;
  modal?: { ondismiss?: () => void };
}

/** A Checkout instance: `open()` shows the payment form; `on("payment.failed")` reports a declined attempt. */
interface RazorpayCheckout {
  open: () => void;
  /** Closes the Checkout modal (without calling `modal.ondismiss`). */
  close?: () => void;
  on: (event: "payment.failed", listener: (response: { error?: { description?: string } }) => void) => void;
}

type RazorpayConstructor = new (options: RazorpayOptions) => RazorpayCheckout;

declare global {
  interface Window {
    Razorpay?: RazorpayConstructor;
  }
}

const loading = new Map<string, Promise<RazorpayConstructor>>();

/**
 * Loads Razorpay's Checkout script from `scriptUrl` (what `payment.start` returns: Razorpay's
 * own `checkout.js`, or the local driver's) once per page, and resolves to `window.Razorpay`.
 * Razorpay requires the script to be loaded from its own host, never bundled. A failed load
 * (network) is forgotten, so the next attempt tries again.
 */
export function loadCheckout(scriptUrl: string): Promise<RazorpayConstructor> {
  if (window.Razorpay) return Promise.resolve(window.Razorpay);
  let promise = loading.get(scriptUrl);
  if (!promise) {
    promise = new Promise<RazorpayConstructor>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = scriptUrl;
      script.async = true;
      script.onload = () =>
        window.Razorpay ? resolve(window.Razorpay) : reject(new Error("Razorpay Checkout did not load"));
      script.onerror = () => {
        script.remove();
        reject(new Error("Razorpay Checkout could not be loaded"));
      };
      document.head.appendChild(script);
    });
    promise.catch(() => loading.delete(scriptUrl));
    loading.set(scriptUrl, promise);
  }
  return promise;
}
