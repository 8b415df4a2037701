import { RECEIPT_POLICY, receiptUrl } from "@tabletap/core";
import { Customer, hasVerifiedEmail, Payment, toReceiptView, type PaymentDoc } from "@tabletap/db";
import {
  EmailLimitError,
  receiptEmail,
  receiptSms,
  type EmailSender,
  type GuestEmailLimit,
  type SmsSender,
} from "@tabletap/notify";
import type { Logger } from "pino";

/** What the receipt relay needs from the outside world. */
export interface ReceiptDeps {
  sms: SmsSender;
  email: EmailSender;
  /** Every email to a guest counts against `EMAIL_POLICY` (shared with the API's codes and the order confirmations). */
  emailLimit: Pick<GuestEmailLimit, "consume">;
  /** `GUEST_APP_URL`: the receipt links are `${guestAppUrl}/receipts/{token}` (`receiptUrl`). */
  guestAppUrl: string;
  log: Logger;
}

/** What one pass did, by payment id. */
export interface ReceiptPassResult {
  /** Emailed and/or texted, marked "sent". */
  sent: string[];
  /** No guest to send it to (a payment staff recorded), marked "skipped". */
  skipped: string[];
  /** The send failed: left claimed, retried once the claim is `claimTimeoutSeconds` old. */
  failed: string[];
}

/** A payment found by `dueReceipts` (it has a receipt: every payment does). */
type DuePayment = PaymentDoc & { receipt: NonNullable<PaymentDoc["receipt"]> };

/**
 * Paid payments whose receipt is due, oldest paid first, at most `batchSize`: receipt "pending",
 * or "sending" under a claim older than `staleBefore` (its worker died or its send failed). Both
 * branches are served by the { status, "receipt.status", paidAt } index.
 */
function dueReceipts(staleBefore: Date, batchSize: number) {
  return Payment.find({
    status: "paid",
    $or: [{ "receipt.status": "pending" }, { "receipt.status": "sending", "receipt.claimedAt": { $lt: staleBefore } }],
  })
    .sort({ paidAt: 1 })
    .limit(batchSize)
    .lean<DuePayment[]>();
}

/**
 * Claims `payment`'s receipt for this pass: a conditional update from the state it was read in
 * ("pending", or "sending" with the same stale `claimedAt`) to "sending" at `now`. Exactly one of
 * several workers racing for it wins; returns whether this one did.
 */
async function claim(payment: DuePayment, now: Date): Promise<boolean> {
  const { modifiedCount } = await Payment.updateOne(
    {
      _id: payment._id,
      status: "paid",
      "receipt.status": payment.receipt.status,
      "receipt.claimedAt": payment.receipt.claimedAt ?? null,
    },
    { $set: { "receipt.status": "sending", "receipt.claimedAt": now } },
  );
  return modifiedCount === 1;
}

/** Records on the payment what was just sent (`field` = when), while this pass still holds the claim. */
function record(payment: PaymentDoc, claimedAt: Date, update: Record<string, unknown>) {
  return Payment.updateOne({ _id: payment._id, "receipt.status": "sending", "receipt.claimedAt": claimedAt }, update);
}

/**
 * Sends one claimed receipt: the email (`receiptEmail`) when the payer has a verified email and it
 * was not emailed yet, within their `EMAIL_POLICY` hourly limit (past it the email is skipped and
 * logged, as the order confirmation is), then the text with the link (`receiptSms`) when it was
 * not texted yet; each send's time is recorded at once, so a retry after a failure between the two
 * sends only what is missing. Marks the receipt "sent", or "skipped" when there is no guest.
 * @throws the email or SMS provider's error (the claim stays, to be retried when stale).
 */
async function sendReceipt(deps: ReceiptDeps, payment: DuePayment, claimedAt: Date): Promise<"sent" | "skipped"> {
  const paymentId = payment._id.toString();
  const customer = payment.customerId ? await Customer.findById(payment.customerId).lean() : null;
  const receipt = customer ? await toReceiptView(payment) : null;
  if (!customer || !receipt) {
    await record(payment, claimedAt, { $set: { "receipt.status": "skipped" } });
    return "skipped";
  }
  const link = receiptUrl(deps.guestAppUrl, payment.receipt.token);
  if (hasVerifiedEmail(customer) && !payment.receipt.emailedAt) {
    let allowed = true;
    try {
      await deps.emailLimit.consume(customer._id.toString());
    } catch (error) {
      if (!(error instanceof EmailLimitError)) throw error;
      allowed = false;
      deps.log.warn(
        { paymentId, customerId: customer._id.toString() },
        "receipt email skipped: guest's email limit reached",
      );
    }
    if (allowed) {
      await deps.email.send({ to: customer.email, ...receiptEmail(receipt, link) });
      await record(payment, claimedAt, { $set: { "receipt.emailedAt": new Date() } });
    }
  }
  if (!payment.receipt.textedAt) {
    await deps.sms.send(customer.phone, receiptSms(receipt, link));
    await record(payment, claimedAt, { $set: { "receipt.textedAt": new Date() } });
  }
  await record(payment, claimedAt, { $set: { "receipt.status": "sent" } });
  return "sent";
}

/**
 * One pass of the receipt relay: takes up to `RECEIPT_POLICY.batchSize` paid payments whose
 * receipt is due (`dueReceipts`), claims each (`claim`; a receipt another worker holds is left to
 * it) and sends it (`sendReceipt`), one after the other; stops early when `stopping()` turns true.
 * A failed send is logged and left claimed: it is retried once the claim is
 * `RECEIPT_POLICY.claimTimeoutSeconds` old (a backoff for a provider that is down). A worker that
 * dies between a send and its record may send that email or text twice at worst; a receipt is
 * never lost, as it stays pending or claimed until marked.
 */
export async function relayReceipts(
  deps: ReceiptDeps,
  stopping: () => boolean = () => false,
  now: () => Date = () => new Date(),
): Promise<ReceiptPassResult> {
  const result: ReceiptPassResult = { sent: [], skipped: [], failed: [] };
  const staleBefore = new Date(now().getTime() - RECEIPT_POLICY.claimTimeoutSeconds * 1000);
  for (const payment of await dueReceipts(staleBefore, RECEIPT_POLICY.batchSize)) {
    if (stopping()) break;
    const claimedAt = now();
    if (!(await claim(payment, claimedAt))) continue;
    const paymentId = payment._id.toString();
    try {
      result[await sendReceipt(deps, payment, claimedAt)].push(paymentId);
    } catch (error) {
      result.failed.push(paymentId);
      deps.log.warn(
        { err: error, paymentId, retryAfterSeconds: RECEIPT_POLICY.claimTimeoutSeconds },
        "receipt could not be sent; retrying when its claim is stale",
      );
    }
  }
  return result;
}

/**
 * The receipt relay (next to the outbox relay, with the same lifecycle): every `intervalMs` it runs
 * `relayReceipts`. Settling a payment queues nothing: the relay finds the receipts to send from
 * the payments themselves. Returns a function that stops the relay and resolves when a running
 * pass has finished (a pass stops between receipts once stopping).
 */
export function startReceiptRelay(opts: { deps: ReceiptDeps; intervalMs: number }): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => relayReceipts(opts.deps, () => stopped))
      .catch((error: unknown) =>
        opts.deps.log.warn({ err: error }, "receipt relay pass failed; retrying next interval"),
      );
  }, opts.intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
