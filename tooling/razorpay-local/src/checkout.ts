/**
 * The local Checkout: `checkout.js` (a `window.Razorpay` compatible with Razorpay Checkout's
 * options, https://razorpay.com/docs/payments/payment-gateway/web-integration/standard/) and the
 * payment page it shows in an iframe.
 */
import type { Order } from "./entities";

/** Marks the driver's messages to the merchant page (window.postMessage). */
const MESSAGE_SOURCE = "razorpay-local";

/** `amount` paise as Checkout shows it: "₹1,234.50". */
function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-IN", { style: "currency", currency }).format(amount / 100);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/**
 * The script served at `/v1/checkout.js`. `new Razorpay(options)` takes Checkout's options (`key`,
 * `order_id`, `amount`, `currency`, `name`, `description`, `prefill.{contact,email}`, `notes`,
 * `handler`, `modal.ondismiss`); `.on("payment.failed", cb)` registers a listener of declined
 * payments (`cb({ error: { code, description, source, step, reason, metadata: { order_id,
 * payment_id } } })`, the modal stays open for another try); `.open()` shows a modal dialog with
 * the payment page of `origin` in an iframe titled "Razorpay Checkout"; `.close()` removes it.
 * A successful payment closes the modal and calls `handler({ razorpay_payment_id,
 * razorpay_order_id, razorpay_signature })`; "Cancel" closes it and calls `modal.ondismiss()`.
 */
export function checkoutScript(origin: string): string {
  return `(function () {
  "use strict";
  var ORIGIN = ${JSON.stringify(origin)};
  function Razorpay(options) {
    if (!(this instanceof Razorpay)) return new Razorpay(options);
    if (!options || !options.key) throw new Error("Razorpay: the key option is required");
    if (!options.order_id) throw new Error("Razorpay: the order_id option is required");
    this.options = options;
    this.listeners = {};
    this.dispose = null;
  }
  Razorpay.prototype.on = function (event, callback) {
    (this.listeners[event] = this.listeners[event] || []).push(callback);
    return this;
  };
  Razorpay.prototype.close = function () {
    if (this.dispose) this.dispose();
  };
  Razorpay.prototype.open = function () {
    var self = this;
    var o = this.options;
    if (self.dispose) return self;
    var prefill = o.prefill || {};
    var params = new URLSearchParams({
      key_id: o.key,
      name: o.name || "",
      description: o.description || "",
      contact: prefill.contact || "",
      email: prefill.email || "",
      notes: JSON.stringify(o.notes || {}),
      origin: window.location.origin
    });
    var overlay = document.createElement("div");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Razorpay Checkout");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.6)";
    var frame = document.createElement("iframe");
    frame.title = "Razorpay Checkout";
    frame.src = ORIGIN + "/checkout/" + encodeURIComponent(o.order_id) + "?" + params.toString();
    frame.style.cssText = "width:min(400px,100vw);height:min(560px,100vh);border:0;border-radius:8px;background:#fff";
    overlay.appendChild(frame);
    function onMessage(event) {
      var m = event.data;
      if (event.origin !== ORIGIN || event.source !== frame.contentWindow || !m || m.source !== ${JSON.stringify(MESSAGE_SOURCE)}) return;
      if (m.type === "success") {
        self.dispose();
        if (typeof o.handler === "function") o.handler(m.response);
      } else if (m.type === "failed") {
        (self.listeners["payment.failed"] || []).forEach(function (cb) { cb(m.response); });
      } else if (m.type === "dismiss") {
        self.dispose();
        if (o.modal && typeof o.modal.ondismiss === "function") o.modal.ondismiss();
      }
    }
    window.addEventListener("message", onMessage);
    self.dispose = function () {
      window.removeEventListener("message", onMessage);
      overlay.remove();
      self.dispose = null;
    };
    document.body.appendChild(overlay);
    return self;
  };
  window.Razorpay = Razorpay;
})();
`;
}

/** The page shown instead of the checkout when its link is not valid (unknown key or order). */
export function checkoutErrorPage(description: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Razorpay Checkout (local)</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; padding: 24px">
<h1>Payment unavailable</h1>
<p role="alert">${escapeHtml(description)}</p>
</body>
</html>
`;
}

/** What the page needs beyond the order: the query Checkout's script put in the iframe's URL. */
export interface CheckoutPageParams {
  keyId: string;
  name: string;
  description: string;
  contact: string;
  email: string;
  notes: string;
  /** The merchant page's origin: where the result is posted. */
  origin: string;
}

/**
 * The payment page (`GET /checkout/:orderId`): the merchant's name and description, a labelled
 * "Card number" field with the test cards named under it, "Pay ₹X" and "Cancel". It POSTs to
 * `/checkout/:orderId/pay` and posts the answer to the merchant page (`origin`).
 */
export function checkoutPage(order: Order, params: CheckoutPageParams): string {
  const amount = formatAmount(order.amount, order.currency);
  const paid = order.status === "paid";
  const config = JSON.stringify({
    payUrl: `/checkout/${encodeURIComponent(order.id)}/pay`,
    keyId: params.keyId,
    contact: params.contact,
    email: params.email,
    description: params.description,
    notes: params.notes,
    origin: params.origin,
    source: MESSAGE_SOURCE,
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Razorpay Checkout (local)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 24px; color: #1a1a2e; }
  h1 { font-size: 1.25rem; margin: 0 0 4px; }
  label { display: block; font-weight: 600; margin-top: 16px; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: 10px; margin-top: 4px; border: 1px solid #888; border-radius: 6px; }
  input[aria-invalid="true"] { border-color: #b00020; }
  .hint { color: #555; font-size: .875rem; }
  .error { color: #b00020; min-height: 1.5em; }
  .actions { display: flex; gap: 8px; margin-top: 8px; }
  button { font-size: 1rem; padding: 10px 16px; border-radius: 6px; border: 1px solid #3d5afe; cursor: pointer; }
  button[type="submit"] { background: #3d5afe; color: #fff; flex: 1; }
  button[type="button"] { background: #fff; color: #3d5afe; }
  button:disabled { opacity: .6; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(params.name || "Razorpay Checkout")}</h1>
  ${params.description ? `<p>${escapeHtml(params.description)}</p>` : ""}
  <p>Amount: <strong>${escapeHtml(amount)}</strong> <span class="hint">(local test mode)</span></p>
  ${
    paid
      ? `<p role="status">This order has already been paid.</p>`
      : `<form id="pay" novalidate>
    <label for="card">Card number</label>
    <input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required aria-describedby="cards error">
    <p id="cards" class="hint">Test cards: 4111 1111 1111 1111 succeeds; 4000 0000 0000 0002 is declined.</p>
    <p id="error" class="error" role="alert"></p>
    <p id="status" role="status"></p>
    <div class="actions">
      <button type="submit">Pay ${escapeHtml(amount)}</button>
      <button type="button" id="cancel">Cancel</button>
    </div>
  </form>`
  }
</main>
<script>
(function () {
  var c = ${config};
  var form = document.getElementById("pay");
  if (!form) return;
  var card = document.getElementById("card");
  var error = document.getElementById("error");
  var status = document.getElementById("status");
  var submit = form.querySelector('button[type="submit"]');
  function tell(type, response) {
    if (window.parent !== window && c.origin) window.parent.postMessage({ source: c.source, type: type, response: response }, c.origin);
  }
  document.getElementById("cancel").addEventListener("click", function () { tell("dismiss", null); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "";
    card.removeAttribute("aria-invalid");
    submit.disabled = true;
    status.textContent = "Processing payment…";
    var notes = {};
    try { notes = JSON.parse(c.notes || "{}"); } catch (e) { notes = {}; }
    fetch(c.payUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key_id: c.keyId, card: card.value, contact: c.contact, email: c.email, description: c.description, notes: notes })
    }).then(function (res) { return res.json(); }).then(function (body) {
      if (body.razorpay_payment_id) {
        status.textContent = "Payment successful";
        tell("success", body);
        return;
      }
      var e = body.error || { description: "Payment failed" };
      status.textContent = "";
      error.textContent = e.description;
      submit.disabled = false;
      if (e.metadata && e.metadata.payment_id) {
        tell("failed", body);
      } else {
        card.setAttribute("aria-invalid", "true");
        card.focus();
      }
    }).catch(function () {
      status.textContent = "";
      error.textContent = "Could not reach the payment server. Try again.";
      submit.disabled = false;
    });
  });
})();
</script>
</body>
</html>
`;
}
