/**
 * Message templates: short, plain and friendly. Money is formatted with `formatMoney` from
 * @tabletap/core in the order's currency; every value interpolated into HTML is escaped.
 */
import {
  OTP_POLICY,
  formatMoney,
  formatDateTimeIn,
  receiptFigures,
  receiptMethodLabel,
  receiptSplitLabel,
  receiptTitle,
  REFUND_STATUS_NOTES,
} from "@tabletap/core";
import type { OrderView, ReceiptView } from "@tabletap/core";

/** Escapes `& < > " '` for use in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** "#042" whether or not the stored number already carries the "#". */
function orderLabel(order: Pick<OrderView, "number">): string {
  return order.number.startsWith("#") ? order.number : `#${order.number}`;
}

const money = (order: Pick<OrderView, "currency">, minor: number) => formatMoney(minor, order.currency);

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The sign-in code SMS: "123456 is your Tabletap code. It expires in 5 minutes. Don't share it."
 * With `restaurantName`: "123456 is your Tabletap code for Spice Route. ...". The code comes
 * first so phones can offer it for autofill.
 */
export function otpSms(code: string, restaurantName?: string): string {
  const minutes = Math.round(OTP_POLICY.ttlSeconds / 60);
  const forWhom = restaurantName ? ` for ${restaurantName}` : "";
  return `${code} is your Tabletap code${forWhom}. It expires in ${minutes} minutes. Don't share it.`;
}

/**
 * The one-time-code email: for "sign-in" (the code a guest asked for by email when SMS failed) or
 * "verify-email" (proving an address before receipts go to it). The code leads the subject so
 * mail apps show it; nothing the guest typed is included.
 */
export function otpEmail(code: string, purpose: "sign-in" | "verify-email"): EmailContent {
  const minutes = Math.round(OTP_POLICY.ttlSeconds / 60);
  const what = purpose === "sign-in" ? "sign-in code" : "code to confirm your email";
  const use =
    purpose === "sign-in"
      ? "Enter it on your phone to sign in to Tabletap."
      : "Enter it on your phone to confirm this is your email address for Tabletap receipts.";
  const lines = [
    `${code} is your Tabletap ${what}.`,
    use,
    `It expires in ${minutes} minutes. Don't share it with anyone.`,
    "If you didn't ask for it, you can ignore this email.",
  ];
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your Tabletap ${what}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#222;">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;">
<p style="margin:0 0 8px;">Your Tabletap ${what}:</p>
<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:4px;">${escapeHtml(code)}</p>
${lines
  .slice(1)
  .map((line) => `<p style="margin:0 0 8px;color:#444;">${escapeHtml(line)}</p>`)
  .join("\n")}
</div>
</body></html>`;
  return { subject: `${code} is your Tabletap ${what}`, text: lines.join("\n"), html };
}

/** SMS when staff mark an order ready: which order, where, and that it is coming. */
export function orderReadySms(order: OrderView, restaurantName: string): string {
  return (
    `Your order ${orderLabel(order)} at ${restaurantName} is ready. ` +
    `Staff are bringing it to table ${order.tableLabel}.`
  );
}

/** The end of an exit text: the reason when there is one, a refund note when it was paid, where to get help. */
function exitTail(order: OrderView): string {
  const reason = order.rejectionReason?.trim() ? ` ${sentence(`Reason: ${order.rejectionReason}`)}` : "";
  const refund =
    order.payment.status === "paid" || order.payment.status === "refunded"
      ? ` Your payment of ${money(order, order.total)} will be refunded.`
      : "";
  return `${reason}${refund} Please ask a member of staff if you need help.`;
}

/**
 * SMS when the restaurant declines a new order: the reason when there is one, a refund note when
 * it was already paid, and where to get help.
 */
export function orderRejectedSms(order: OrderView, restaurantName: string): string {
  return `Sorry, ${restaurantName} couldn't accept your order ${orderLabel(order)}.${exitTail(order)}`;
}

/** SMS when staff cancel an order they had taken: the reason, a refund note when paid, and where to get help. */
export function orderCancelledSms(order: OrderView, restaurantName: string): string {
  return `Sorry, ${restaurantName} cancelled your order ${orderLabel(order)}.${exitTail(order)}`;
}

function paymentSummary(order: OrderView): string {
  const { method, status } = order.payment;
  switch (status) {
    case "paid":
      return method === "online" ? "Paid online" : method === "counter" ? "Paid at the counter" : "Paid";
    case "refunded":
      return "Refunded";
    case "pending":
      return "Payment in progress";
    case "failed":
      return "Payment failed: please pay at the counter";
    case "unpaid":
    default:
      return method === "counter" ? "To pay at the counter" : "Not paid yet";
  }
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface OrderEmailOptions {
  /** IANA time zone for the order time (the restaurant's); default "UTC". */
  timeZone?: string;
}

/**
 * The order confirmation email: an itemised receipt (quantity × item, chosen modifiers, notes,
 * line totals; subtotal, service charge and tip when non-zero, tax, total; payment state), as
 * plain text and as simple inline-styled HTML with every interpolated value escaped.
 */
export function orderConfirmationEmail(
  order: OrderView,
  restaurantName: string,
  opts: OrderEmailOptions = {},
): EmailContent {
  const label = orderLabel(order);
  const placedAt = formatDateTimeIn(order.placedAt, opts.timeZone ?? "UTC");
  const subject = `Your order ${label} at ${restaurantName}`;

  const totals: [string, number, boolean][] = [
    ["Subtotal", order.subtotal, false],
    ...(order.serviceCharge ? ([["Service charge", order.serviceCharge, false]] as [string, number, boolean][]) : []),
    ["Tax", order.tax, false],
    ...(order.tip ? ([["Tip", order.tip, false]] as [string, number, boolean][]) : []),
    ["Total", order.total, true],
  ];
  const payment = paymentSummary(order);

  const textLines = [
    `Thanks for your order at ${restaurantName}!`,
    "",
    `Order ${label} · Table ${order.tableLabel}`,
    `Placed ${placedAt}`,
    "",
  ];
  for (const line of order.lines) {
    textLines.push(`${line.quantity} × ${line.name}  ${money(order, line.lineTotal)}`);
    if (line.modifiers.length) textLines.push(`    ${line.modifiers.map((m) => m.name).join(", ")}`);
    if (line.notes) textLines.push(`    Note: ${line.notes}`);
  }
  textLines.push("");
  for (const [name, amount] of totals) textLines.push(`${name}: ${money(order, amount)}`);
  textLines.push(
    "",
    `Payment: ${payment}`,
    "",
    "You can follow your order live on your phone. Enjoy your meal!",
    `— ${restaurantName}`,
  );
  const text = textLines.join("\n");

  const e = escapeHtml;
  const cell = "padding:6px 0;vertical-align:top;";
  const itemRows = order.lines
    .map((line) => {
      const details = [
        line.modifiers.length ? e(line.modifiers.map((m) => m.name).join(", ")) : "",
        line.notes ? `Note: ${e(line.notes)}` : "",
      ]
        .filter(Boolean)
        .map((d) => `<div style="color:#666;font-size:13px;">${d}</div>`)
        .join("");
      return (
        `<tr><td style="${cell}width:36px;">${line.quantity}&nbsp;×</td>` +
        `<td style="${cell}">${e(line.name)}${details}</td>` +
        `<td style="${cell}text-align:right;white-space:nowrap;">${e(money(order, line.lineTotal))}</td></tr>`
      );
    })
    .join("");
  const totalRows = totals
    .map(([name, amount, strong]) => {
      const style = `${cell}text-align:right;${strong ? "font-weight:bold;border-top:1px solid #ddd;" : ""}`;
      return `<tr><td></td><td style="${style}">${e(name)}</td><td style="${style}white-space:nowrap;">${e(money(order, amount))}</td></tr>`;
    })
    .join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#222;">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;">
<h1 style="font-size:20px;margin:0 0 4px;">Thanks for your order!</h1>
<p style="margin:0 0 16px;color:#444;">${e(restaurantName)} · Order <strong>${e(label)}</strong> · Table ${e(order.tableLabel)}<br><span style="color:#666;font-size:13px;">Placed ${e(placedAt)}</span></p>
<table role="presentation" style="width:100%;border-collapse:collapse;font-size:15px;">
${itemRows}
${totalRows}
</table>
<p style="margin:16px 0 0;"><strong>Payment:</strong> ${e(payment)}</p>
<p style="margin:16px 0 0;color:#444;">You can follow your order live on your phone. Enjoy your meal!</p>
</div>
</body></html>`;

  return { subject, text, html };
}

/**
 * The GST receipt email of a paid payment: "Tax invoice" with the restaurant's GSTIN (a
 * restaurant without one issues a plain "Receipt"), its address, the receipt number, when it was
 * paid (the restaurant's time zone), the table, who paid and for which part; the covered lines;
 * subtotal, service charge, CGST and SGST, the bill total, the tip apart, the amount paid and how;
 * refunds with their reasons; and `link`, the receipt's page (`receiptUrl`). Plain text and
 * inline-styled HTML with every interpolated value escaped.
 */
export function receiptEmail(receipt: ReceiptView, link: string): EmailContent {
  const m = (minor: number) => formatMoney(minor, receipt.currency);
  const title = receiptTitle(receipt);
  const subject = `${title} ${receipt.number} from ${receipt.restaurant.name}`;
  const paidAt = formatDateTimeIn(receipt.paidAt, receipt.timeZone);
  const details: [string, string][] = [
    ["Receipt no.", receipt.number],
    ["Paid", paidAt],
    ["Table", receipt.table],
    ...(receipt.payer ? ([["Billed to", receipt.payer]] as [string, string][]) : []),
    ["For", receiptSplitLabel(receipt)],
    ["Payment", receiptMethodLabel(receipt)],
  ];
  const header = [
    receipt.restaurant.name,
    ...(receipt.restaurant.address ? [receipt.restaurant.address] : []),
    ...(receipt.restaurant.gstin ? [`GSTIN: ${receipt.restaurant.gstin}`] : []),
  ];
  const rows = receiptFigures(receipt);
  const refunds = receipt.refunds.map(
    (refund) =>
      `${m(refund.amount)} refunded ${formatDateTimeIn(refund.at, receipt.timeZone)}${REFUND_STATUS_NOTES[refund.status] ? ` (${REFUND_STATUS_NOTES[refund.status]})` : ""}: ${refund.reason}`,
  );

  const textLines = [title, ...header, "", ...details.map(([name, value]) => `${name}: ${value}`), ""];
  for (const line of receipt.lines) textLines.push(`${line.quantity} × ${line.name}  ${m(line.lineTotal)}`);
  if (receipt.lines.length) textLines.push("");
  for (const { label, amount } of rows) textLines.push(`${label}: ${m(amount)}`);
  if (refunds.length) textLines.push("", "Refunds:", ...refunds, `Total refunded: ${m(receipt.refunded)}`);
  textLines.push(
    "",
    `View or print this receipt: ${link}`,
    "",
    `Thank you for dining with us! — ${receipt.restaurant.name}`,
  );
  const text = textLines.join("\n");

  const e = escapeHtml;
  const cell = "padding:6px 0;vertical-align:top;";
  const detailRows = details
    .map(
      ([name, value]) =>
        `<tr><td style="${cell}color:#666;width:110px;">${e(name)}</td><td style="${cell}">${e(value)}</td></tr>`,
    )
    .join("");
  const lineRows = receipt.lines
    .map(
      (line) =>
        `<tr><td style="${cell}width:36px;">${line.quantity}&nbsp;×</td><td style="${cell}">${e(line.name)}</td>` +
        `<td style="${cell}text-align:right;white-space:nowrap;">${e(m(line.lineTotal))}</td></tr>`,
    )
    .join("");
  const figureRows = rows
    .map(({ label, amount, total }) => {
      const style = `${cell}text-align:right;${total ? "font-weight:bold;border-top:1px solid #ddd;" : ""}`;
      return `<tr><td></td><td style="${style}">${e(label)}</td><td style="${style}white-space:nowrap;">${e(m(amount))}</td></tr>`;
    })
    .join("");
  const refundBlock = refunds.length
    ? `<h2 style="font-size:16px;margin:16px 0 4px;">Refunds</h2>\n${refunds
        .map((refund) => `<p style="margin:0 0 4px;color:#444;">${e(refund)}</p>`)
        .join("\n")}\n<p style="margin:4px 0 0;"><strong>Total refunded:</strong> ${e(m(receipt.refunded))}</p>`
    : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#222;">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;">
<h1 style="font-size:20px;margin:0 0 4px;">${e(title)}</h1>
<p style="margin:0 0 16px;color:#444;">${header.map((line, i) => (i === 0 ? `<strong>${e(line)}</strong>` : e(line))).join("<br>")}</p>
<table role="presentation" style="width:100%;border-collapse:collapse;font-size:14px;margin:0 0 12px;">
${detailRows}
</table>
<table role="presentation" style="width:100%;border-collapse:collapse;font-size:15px;">
${lineRows}
${figureRows}
</table>
${refundBlock}
<p style="margin:16px 0 0;"><a href="${e(link)}" style="color:#b4441f;">View or print this receipt</a></p>
<p style="margin:16px 0 0;color:#444;">Thank you for dining with us!</p>
</div>
</body></html>`;
  return { subject, text, html };
}

/** The receipt SMS: who, how much, and the link to the receipt (`receiptUrl`). */
export function receiptSms(receipt: ReceiptView, link: string): string {
  return (
    `Thanks for paying ${formatMoney(receipt.total, receipt.currency)} at ${receipt.restaurant.name} ` +
    `(table ${receipt.table}). Your receipt: ${link}`
  );
}
