/**
 * Paying the tab: a guest starts a payment for part of their table's bill (online with Razorpay
 * or at the counter), Razorpay's answer is verified (`verifyPayment`, the webhook), staff settle
 * counter payments (`settleAtCounter`), and every one of those paths ends in ONE idempotent
 * settle (`settlePayment`). Amounts are paise, computed here from the live tab with
 * @tabletap/core/bill; the client never sends one.
 *
 * A payment holds its part of the tab with a *claim* on the table session, written through
 * `updateTableSession` (optimistic concurrency on the session's `version`): the claim is decided
 * again on the state it is written under, so two payers never hold the same line, the same equal
 * part, or more than is due.
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  billTotal,
  businessDate,
  checkoutExpiresAt,
  computeTab,
  formatMoney,
  quoteSplit,
  tipAmount,
  type AmountSplitInput,
  type FloorSettleInput,
  type PaymentStartInput,
  type PaymentStartView,
  type PaymentVerifyInput,
  type SplitInput,
  type TabPaymentView,
  type TabState,
  type TabView,
  type TipInput,
} from "@tabletap/core";
import {
  isDuplicateKeyError,
  Payment,
  Table,
  TableSession,
  updateTableSession,
  type PaymentDoc,
  type TableSessionDoc,
} from "@tabletap/db";
import { Types } from "mongoose";
import { ConflictError, InvalidInputError, NotFoundError, PaymentProviderError } from "../errors";
import type { Services } from "../services";
import type { GuestPrincipal, StaffPrincipal } from "../trpc";
import { restaurantMenu } from "./menu";
import {
  announceTabChange,
  closeSessionIfSettled,
  loadTab,
  memberOf,
  paymentView,
  sessionTabView,
  tabStateOf,
  type LoadedTab,
} from "./tab";
import { markRefundProcessed } from "./refunds";
import { findActiveTable } from "./tables";

/** What a guest is told when the table has no open bill they belong to (the same answer for every reason). */
const NO_OPEN_BILL = "There's no open bill at this table.";
/** What a payer is told when the session closed (paid, or closed by staff) before their payment could hold its part. */
const BILL_CLOSED = "This bill is already closed.";
/** What staff are told when a payment they were recording was settled by someone else meanwhile. */
const BILL_CHANGED = "This bill was just settled by someone else. Check it and record only what is still due.";
/** What a guest is told when Razorpay could not take a payment's order: nothing was charged. */
const GATEWAY_DOWN =
  "We couldn't reach the payment service, so nothing was charged. Please try again in a moment, or pay at the counter.";
/** What a guest is told when Checkout's answer does not match the payment, or its signature is forged. */
const NOT_VERIFIED = "We couldn't confirm this payment. If money was taken, it will be settled automatically.";

/** Why a guest's payment left in Checkout was cancelled (stored as its `failureReason`). */
const REPLACED_CHECKOUT = "Checkout was left without paying; the guest started another payment";

/** The claim a payment holds on its session, as stored (`TableSession.claims`). */
type StoredClaim = TableSessionDoc["claims"][number];

/** A new receipt link's secret: 128 random bits, base64url (22 characters). */
function receiptToken(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * The payer's own view of their payment (`paymentView`, payer "You", with its receipt link once
 * paid): `amount` is the share's total and `total` = amount + tip (paise); times ISO-8601 UTC.
 */
function ownView(payment: PaymentDoc): TabPaymentView {
  return paymentView(payment, { label: "You", mine: true }, payment.customerId?.toString() ?? null);
}

/** The claim a payment holds: its amounts, lines and split, pending until it settles. */
function claimOf(payment: PaymentDoc, status: "pending" | "paid", expiresAt: Date | null): StoredClaim {
  return {
    paymentId: payment._id,
    customerId: payment.customerId ?? null,
    kind: payment.kind,
    lineIds: [...payment.lineIds],
    parts: payment.parts ?? null,
    partIndex: payment.partIndex ?? null,
    amounts: { ...payment.amounts },
    tip: payment.tip,
    method: payment.method,
    status,
    expiresAt,
  } as StoredClaim;
}

/** The quote of `split` and its tip on the tab's `state`, or the BillError that refuses it. */
function quoteWithTip(state: TabState, split: SplitInput | AmountSplitInput, tip: TipInput, now: Date) {
  const quote = quoteSplit(state, split, now);
  return { ...quote, tip: tipAmount(billTotal(quote.amounts), tip) };
}

/**
 * Writes the payment's claim on its session, deciding the split again on the session as it is
 * written (`updateTableSession`: re-read and re-decided after a lost race), and stores the
 * equal split the claim starts. The payment's amounts and tip are brought in line with what was
 * decided (a `full` claim holds what is due when it is written). Online claims lapse after
 * `PAYMENT_POLICY.checkoutTtlSeconds`.
 *
 * @returns the payment as stored after the claim.
 * @throws BillError when the split is refused on the current state; ConflictError when the
 *   session closed meanwhile; NotFoundError when it no longer exists.
 */
async function claimFor(
  payment: PaymentDoc,
  tab: LoadedTab,
  split: SplitInput | AmountSplitInput,
  tip: TipInput,
  now: Date,
): Promise<PaymentDoc> {
  const written = await updateTableSession(payment.tableSessionId, (session) => {
    if (session.status !== "open") throw new ConflictError(BILL_CLOSED);
    const quote = quoteWithTip(tabStateOf(session, tab.orders), split, tip, now);
    const claimed = { ...payment, amounts: quote.amounts, lineIds: quote.lineIds, tip: quote.tip };
    const claim = claimOf(claimed, "pending", payment.method === "online" ? new Date(checkoutExpiresAt(now)) : null);
    return {
      update: { $push: { claims: claim }, $set: { equalSplit: quote.equalSplit } },
      result: quote,
    };
  });
  if (!written) throw new NotFoundError(NO_OPEN_BILL);
  const { amounts, lineIds, tip: tipPaise } = written.result;
  const amount = billTotal(amounts);
  const updated = await Payment.findOneAndUpdate(
    { _id: payment._id },
    { $set: { amounts, lineIds, tip: tipPaise, amount, total: amount + tipPaise } },
    { returnDocument: "after" },
  ).lean<PaymentDoc>();
  return updated ?? payment;
}

/**
 * Removes a payment's claim from its session while the claim is still pending (a paid claim is
 * never released), so its lines and its equal part can be paid by someone else. Idempotent.
 * @returns true when a claim was removed.
 */
async function releaseClaim(payment: Pick<PaymentDoc, "_id" | "tableSessionId">): Promise<boolean> {
  const written = await updateTableSession(payment.tableSessionId, (session) => {
    const claims = session.claims ?? [];
    const kept = claims.filter((claim) => !(claim.paymentId.equals(payment._id) && claim.status === "pending"));
    return kept.length === claims.length
      ? { update: null, result: false }
      : { update: { $set: { claims: kept } }, result: true };
  });
  return written?.result ?? false;
}

/**
 * Ends an online payment still waiting in Checkout (`created` → `status`, by a conditional
 * update) and releases its claim (`releaseClaim`). A payment that moved on meanwhile (paid,
 * failed, cancelled) is left as it is.
 * @returns the payment as ended, null when it was not `created`.
 */
async function dropHold(
  paymentId: Types.ObjectId | string,
  status: "failed" | "cancelled",
  reason: string,
): Promise<PaymentDoc | null> {
  const dropped = await Payment.findOneAndUpdate(
    { _id: paymentId, status: "created" },
    { $set: { status, failureReason: reason }, $inc: { version: 1 } },
    { returnDocument: "after" },
  ).lean<PaymentDoc>();
  if (dropped) await releaseClaim(dropped);
  return dropped;
}

/** The guest's own online payments on the tab still waiting in Checkout (`created`): Checkout closed, or still open. */
function ownCheckouts(tab: LoadedTab, customerId: string): PaymentDoc[] {
  return tab.payments.filter(
    (payment) =>
      payment.method === "online" && payment.status === "created" && payment.customerId?.toString() === customerId,
  );
}

/** The tab's state as if `payments` held no claims on it. */
function withoutClaimsOf(state: TabState, payments: readonly PaymentDoc[]): TabState {
  const ids = new Set(payments.map((payment) => payment._id.toString()));
  return { ...state, claims: state.claims.filter((claim) => !ids.has(claim.paymentId)) };
}

/**
 * Asks Razorpay for the order a guest pays in Checkout (`services.payments.createOrder`): the
 * payment's total in paise (tip included), its id as the receipt, and `notes` { paymentId,
 * tableSessionId } so the webhook finds it. Stores the order id on the payment.
 * When Razorpay fails, the claim is released, the payment is marked failed and the guest gets a
 * PaymentProviderError (BAD_GATEWAY): nothing was charged.
 */
async function openCheckoutOrder(services: Services, payment: PaymentDoc): Promise<PaymentDoc> {
  try {
    const order = await services.payments.createOrder({
      amount: payment.total,
      currency: payment.currency,
      receipt: payment._id.toString(),
      notes: { paymentId: payment._id.toString(), tableSessionId: payment.tableSessionId.toString() },
    });
    const updated = await Payment.findOneAndUpdate(
      { _id: payment._id },
      { $set: { "gateway.orderId": order.id } },
      { returnDocument: "after" },
    ).lean<PaymentDoc>();
    return updated ?? payment;
  } catch (error) {
    services.log.error({ err: error, paymentId: payment._id.toString() }, "Razorpay refused to create an order");
    await releaseClaim(payment);
    await Payment.updateOne(
      { _id: payment._id, status: "created" },
      { $set: { status: "failed", failureReason: "The payment service could not be reached" } },
    );
    throw new PaymentProviderError(GATEWAY_DOWN);
  }
}

/** What `payment.start` answers for a stored payment: its view and, while it is payable online, Checkout's options. */
async function startView(services: Services, payment: PaymentDoc, guest: GuestPrincipal): Promise<PaymentStartView> {
  const orderId = payment.method === "online" && payment.status === "created" ? payment.gateway?.orderId : null;
  if (!orderId) return { payment: ownView(payment), checkout: null };
  const { restaurant } = await restaurantMenu(services, payment.restaurantId.toString());
  return {
    payment: ownView(payment),
    checkout: {
      keyId: services.payments.keyId,
      razorpayOrderId: orderId,
      amount: payment.total,
      currency: payment.currency,
      name: restaurant.name,
      prefill: { contact: guest.phone },
      scriptUrl: services.payments.checkoutScriptUrl,
    },
  };
}

/**
 * `payment.start`: the signed-in guest pays part of their table's open tab.
 *
 * 1. Idempotency: the same `idempotencyKey` from the same guest answers the first payment (also
 *    when two requests race: the `{ customerId, idempotencyKey }` unique index lets one insert win).
 * 2. The guest must be a member of the table's open session (`memberOf`).
 * 3. The guest's own online payments still waiting in Checkout (`created`: they closed it
 *    without paying) are cancelled and their holds released, once the new payment is stored, so
 *    they don't block it (a capture Razorpay still makes for one settles it: `settlePayment`).
 *    Another guest's hold is never touched.
 * 4. The part is quoted on the live tab (`quoteSplit`, `tipAmount`: paise; tips untaxed), the
 *    payment stored, then its claim written on the session, decided again under the session's
 *    `version`. A refused claim removes the payment it had just stored and throws.
 * 5. Online: a Razorpay order for the total (tip included) → `checkout` with what Razorpay
 *    Checkout needs. At the counter: the payment waits (`pending`) for staff (`floor.settle`).
 *
 * @throws NotFoundError "There's no open bill at this table." (unknown table code, no open
 *   session, or the guest is not a member); ConflictError when the session closed meanwhile;
 *   BillError for a refused split or tip (see errors.ts for BAD_REQUEST vs CONFLICT);
 *   PaymentProviderError (BAD_GATEWAY) when Razorpay could not create the order (claim released,
 *   payment failed, nothing charged).
 */
export async function startPayment(
  services: Services,
  guest: GuestPrincipal,
  input: PaymentStartInput,
): Promise<PaymentStartView> {
  const existing = await Payment.findOne({
    customerId: guest.customerId,
    idempotencyKey: input.idempotencyKey,
  }).lean<PaymentDoc>();
  if (existing) return replayStart(services, guest, existing);

  const table = await findActiveTable(services, input.tableCode);
  const tab = table.openSessionId ? await loadTab(table.openSessionId) : null;
  if (tab?.session.status !== "open" || !memberOf(tab.session, tab.orders, guest.customerId))
    throw new NotFoundError(NO_OPEN_BILL);

  const now = new Date();
  // The guest's own Checkouts they left without paying give way to this payment (cancelled once
  // it is stored), so their hold does not block it: it is quoted as if they were released.
  const replaced = ownCheckouts(tab, guest.customerId);
  // Refuses a bad split or tip before anything is stored or cancelled; decided again when the claim is written.
  const quote = quoteWithTip(withoutClaimsOf(tab.state, replaced), input.split, input.tip, now);
  const { restaurant } = await restaurantMenu(services, table.restaurantId);
  const amount = billTotal(quote.amounts);
  let payment: PaymentDoc;
  try {
    const created = await Payment.create({
      restaurantId: table.restaurantId,
      tableId: table.id,
      tableLabel: table.label,
      tableSessionId: tab.session._id,
      customerId: guest.customerId,
      idempotencyKey: input.idempotencyKey,
      method: input.method,
      kind: input.split.kind,
      parts: input.split.kind === "equal" ? input.split.parts : null,
      partIndex: input.split.kind === "equal" ? input.split.partIndex : null,
      lineIds: quote.lineIds,
      amounts: quote.amounts,
      amount,
      tip: quote.tip,
      total: amount + quote.tip,
      currency: restaurant.currency,
      status: input.method === "online" ? "created" : "pending",
      receipt: { token: receiptToken() },
      businessDate: businessDate(now, restaurant.timeZone),
    });
    payment = created.toObject();
  } catch (error) {
    // A concurrent request with the same key stored first: answer with its payment.
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await Payment.findOne({
      customerId: guest.customerId,
      idempotencyKey: input.idempotencyKey,
    }).lean<PaymentDoc>();
    if (!winner) throw error;
    return replayStart(services, guest, winner);
  }

  for (const stale of replaced) await dropHold(stale._id, "cancelled", REPLACED_CHECKOUT);
  try {
    payment = await claimFor(payment, tab, input.split, input.tip, now);
  } catch (error) {
    await Payment.deleteOne({ _id: payment._id });
    throw error;
  }
  if (payment.method === "online") payment = await openCheckoutOrder(services, payment);
  await announceTabChange(services, tab.session);
  return startView(services, payment, guest);
}

/**
 * A replayed `payment.start`: the stored payment, with Checkout's options while it is still
 * payable; an online payment whose Razorpay order was never created (the first request died in
 * between) gets it now.
 */
async function replayStart(services: Services, guest: GuestPrincipal, payment: PaymentDoc): Promise<PaymentStartView> {
  if (payment.method === "online" && payment.status === "created" && !payment.gateway?.orderId) {
    const session = await TableSession.findById(payment.tableSessionId, { claims: 1 }).lean<TableSessionDoc>();
    if (session?.claims.some((claim) => claim.paymentId.equals(payment._id)))
      return startView(services, await openCheckoutOrder(services, payment), guest);
  }
  return startView(services, payment, guest);
}

/** Where a settle comes from, for the payment's record. */
interface SettleSource {
  /** Razorpay's payment id (`pay_…`), for online payments. */
  gatewayPaymentId?: string;
  /** How staff took a counter payment. */
  counterMethod?: FloorSettleInput["method"];
  /** The staff member who settled it at the counter. */
  recordedBy?: string;
}

/**
 * THE settle of a payment, used by `payment.verify`, the Razorpay webhook and `floor.settle`:
 * 1. the payment → `paid` by a conditional update (from created, pending, failed or cancelled:
 *    money Razorpay captured is never lost, even after a decline or a lapsed hold);
 * 2. its claim on the session → `paid` (put back as paid if it had been released);
 * 3. the session closes when the tab is settled (`closeSessionIfSettled`), and the tab and the
 *    floor are told (`announceTabChange`).
 * Idempotent: a payment already paid is not counted again (steps 2–3 are re-run, so a settle
 * cut short completes on the next try). The receipt is sent by the worker from the stored state.
 *
 * @returns the payment as stored and `changed` (true when this call marked it paid); null when
 *   there is no such payment.
 */
async function settlePayment(
  services: Services,
  paymentId: Types.ObjectId | string,
  source: SettleSource = {},
): Promise<{ payment: PaymentDoc; changed: boolean } | null> {
  const now = new Date();
  const settled = await Payment.findOneAndUpdate(
    { _id: paymentId, status: { $in: ["created", "pending", "failed", "cancelled"] } },
    {
      $set: {
        status: "paid",
        paidAt: now,
        failureReason: null,
        ...(source.gatewayPaymentId ? { "gateway.paymentId": source.gatewayPaymentId } : {}),
        ...(source.counterMethod ? { counterMethod: source.counterMethod } : {}),
        ...(source.recordedBy ? { recordedBy: source.recordedBy } : {}),
      },
      $inc: { version: 1 },
    },
    { returnDocument: "after" },
  ).lean<PaymentDoc>();
  const payment = settled ?? (await Payment.findById(paymentId).lean<PaymentDoc>());
  if (!payment) return null;
  if (payment.status !== "paid") return { payment, changed: false };

  const written = await updateTableSession(payment.tableSessionId, (session) => {
    const claims = session.claims ?? [];
    const held = claims.find((claim) => claim.paymentId.equals(payment._id));
    if (held?.status === "paid") return { update: null, result: false };
    const paidClaim = held
      ? ({ ...held, status: "paid", expiresAt: null } as StoredClaim)
      : claimOf(payment, "paid", null);
    const rest = claims.filter((claim) => !claim.paymentId.equals(payment._id));
    return { update: { $set: { claims: [...rest, paidClaim] } }, result: true };
  });
  if (written) {
    await closeSessionIfSettled(services, written.session, now);
    if (written.result || settled) await announceTabChange(services, written.session);
  }
  return { payment, changed: settled !== null };
}

/**
 * Marks an online payment failed (Razorpay declined it: `payment.failed`) and releases its
 * claim, unless it is already paid: a failure delivered after the capture changes nothing
 * (webhooks may arrive out of order). Idempotent.
 * @returns true when this call failed it.
 */
async function failPayment(services: Services, paymentId: Types.ObjectId | string, reason: string): Promise<boolean> {
  const failed = await dropHold(paymentId, "failed", reason);
  if (!failed) return false;
  await announceTabChange(services, { _id: failed.tableSessionId, restaurantId: failed.restaurantId });
  return true;
}

/**
 * `payment.verify`: what Razorpay Checkout handed the guest's browser after paying. The order id
 * must be the payment's, and the signature Razorpay's (`validatePaymentVerification` through
 * `services.payments.verifyPayment`: HMAC-SHA256 of "order_id|payment_id" with the key secret);
 * then the payment settles (`settlePayment`; a webhook that settled it first is not counted
 * again).
 *
 * @throws NotFoundError for an unknown payment or another guest's; InvalidInputError
 *   (BAD_REQUEST) for a counter payment, an order id that isn't the payment's, or a forged
 *   signature — nothing changed.
 */
export async function verifyPayment(
  services: Services,
  guest: GuestPrincipal,
  input: PaymentVerifyInput,
): Promise<TabPaymentView> {
  const payment = await Payment.findById(input.paymentId).lean<PaymentDoc>();
  if (!payment || payment.customerId?.toString() !== guest.customerId)
    throw new NotFoundError("We couldn't find this payment.");
  const orderId = payment.gateway?.orderId;
  if (payment.method !== "online" || !orderId || orderId !== input.razorpayOrderId)
    throw new InvalidInputError(NOT_VERIFIED);
  const genuine = services.payments.verifyPayment({
    orderId,
    paymentId: input.razorpayPaymentId,
    signature: input.razorpaySignature,
  });
  if (!genuine) {
    services.log.warn({ paymentId: input.paymentId }, "a payment verification with a wrong signature was refused");
    throw new InvalidInputError(NOT_VERIFIED);
  }
  const settled = await settlePayment(services, payment._id, { gatewayPaymentId: input.razorpayPaymentId });
  return ownView(settled?.payment ?? payment);
}

/**
 * `floor.settle`: a staff member records `amount` paise taken at the counter (`method`: cash,
 * card on the terminal, UPI) for a table session. The amount first settles the session's pending
 * counter payments ("Pay at the counter"), oldest first, while it covers each one's total (tip
 * included), marking how it was paid; the rest is recorded as a staff payment of that amount of
 * what is due (`kind: "amount"`, `portionOf` the due, so its GST is known). The session closes
 * when nothing is left.
 *
 * @returns the session's tab as staff see it (`sessionTabView`), with the payments settled or recorded.
 * @throws NotFoundError for an unknown session or another restaurant's; ConflictError (nothing
 *   changed) when the session is closed, or when the amount is more than the pending counter
 *   payments it covers plus what is due; ConflictError when a pending payment it covers was
 *   settled by someone else meanwhile (those settled before it stay settled, the rest is not
 *   recorded).
 */
export async function settleAtCounter(
  services: Services,
  staff: StaffPrincipal,
  input: FloorSettleInput,
): Promise<TabView> {
  const tab = await loadTab(input.tableSessionId);
  if (!tab?.session.restaurantId.equals(staff.restaurantId)) throw new NotFoundError("This table's bill wasn't found.");
  if (tab.session.status !== "open") throw new ConflictError(BILL_CLOSED);

  const now = new Date();
  const pending = tab.payments.filter((payment) => payment.method === "counter" && payment.status === "pending");
  const covered: PaymentDoc[] = [];
  let rest = input.amount;
  for (const payment of pending) {
    if (payment.total > rest) break;
    covered.push(payment);
    rest -= payment.total;
  }
  const due = billTotal(computeTab(tab.state, now).totals.due);
  if (rest > due) {
    const most = covered.reduce((sum, payment) => sum + payment.total, 0) + due;
    throw new ConflictError(
      `That's more than what's left to pay at this table (${formatMoney(most, tab.payments[0]?.currency)}).`,
      "amount",
    );
  }

  for (const payment of covered) {
    const settled = await settlePayment(services, payment._id, {
      counterMethod: input.method,
      recordedBy: staff.staffId,
    });
    // Someone settled it in between: this amount was not taken for it, so stop and say so.
    if (!settled?.changed) throw new ConflictError(BILL_CHANGED, "amount");
  }
  if (rest > 0) await recordCounterAmount(services, staff, tab, input.method, rest, now);
  return sessionTabView(services, tab.session._id, null);
}

/**
 * A staff-recorded counter payment of `amount` paise of what is due: stored, claimed (decided
 * again on the session as written: OVER_DUE / NOTHING_DUE when someone paid meanwhile, and then
 * removed), then settled.
 */
async function recordCounterAmount(
  services: Services,
  staff: StaffPrincipal,
  tab: LoadedTab,
  method: FloorSettleInput["method"],
  amount: number,
  now: Date,
): Promise<PaymentDoc> {
  const split: AmountSplitInput = { kind: "amount", amount };
  const quote = quoteWithTip(tab.state, split, 0, now);
  const { restaurant } = await restaurantMenu(services, staff.restaurantId);
  const created = await Payment.create({
    restaurantId: tab.session.restaurantId,
    tableId: tab.session.tableId,
    tableLabel: (await tableLabelOf(tab)) ?? "",
    tableSessionId: tab.session._id,
    customerId: null,
    recordedBy: staff.staffId,
    // Unique with customerId (null for every staff payment): a fresh key each.
    idempotencyKey: `staff:${randomUUID()}`,
    method: "counter",
    counterMethod: method,
    kind: "amount",
    amounts: quote.amounts,
    amount,
    tip: 0,
    total: amount,
    currency: restaurant.currency,
    status: "pending",
    receipt: { token: receiptToken() },
    businessDate: businessDate(now, restaurant.timeZone),
  });
  let payment: PaymentDoc = created.toObject();
  try {
    payment = await claimFor(payment, tab, split, 0, now);
  } catch (error) {
    await Payment.deleteOne({ _id: payment._id });
    throw error;
  }
  const settled = await settlePayment(services, payment._id, { counterMethod: method, recordedBy: staff.staffId });
  return settled?.payment ?? payment;
}

/** The label of the session's table, as its payments record it. */
async function tableLabelOf(tab: LoadedTab): Promise<string | null> {
  const fromPayment = tab.payments[0]?.tableLabel ?? tab.orders[0]?.tableLabel;
  if (fromPayment) return fromPayment;
  return (await Table.findById(tab.session.tableId, { label: 1 }).lean())?.label ?? null;
}

/** How long a webhook's event id is remembered, so a redelivery changes nothing: 7 days (seconds). */
export const WEBHOOK_EVENT_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The parts of a Razorpay payment entity the webhook reads (https://razorpay.com/docs/webhooks/payloads/payments/). */
interface RazorpayPaymentEntity {
  id?: string;
  order_id?: string;
  amount?: number;
  notes?: Record<string, string> | unknown[];
  error_description?: string | null;
}

/** A webhook event as Razorpay posts it (only what is read here). */
export interface RazorpayWebhookEvent {
  event?: string;
  payload?: {
    payment?: { entity?: RazorpayPaymentEntity };
    refund?: { entity?: { id?: string; payment_id?: string; notes?: Record<string, string> | unknown[] } };
  };
}

/** An entity's `notes` as a record (Razorpay sends `[]` for no notes). */
function notesOf(notes: Record<string, string> | unknown[] | undefined): Record<string, string> {
  return notes && !Array.isArray(notes) ? notes : {};
}

/**
 * The payment a Razorpay payment entity is for: the one its `notes.paymentId` names, else the one
 * holding its order (`gateway.orderId`, indexed). The order id must match the payment's (when it
 * has one), so notes can't point a capture at another payment.
 */
async function paymentOfEntity(entity: RazorpayPaymentEntity): Promise<PaymentDoc | null> {
  const { paymentId } = notesOf(entity.notes);
  const payment =
    paymentId && Types.ObjectId.isValid(paymentId)
      ? await Payment.findById(paymentId).lean<PaymentDoc>()
      : entity.order_id
        ? await Payment.findOne({ "gateway.orderId": entity.order_id }).lean<PaymentDoc>()
        : null;
  if (payment?.method !== "online") return null;
  const orderId = payment.gateway?.orderId;
  return orderId && entity.order_id !== orderId ? null : payment;
}

/**
 * Applies one verified Razorpay webhook event (the HTTP handler checked its signature and that its
 * event id is new): `payment.captured` settles the payment (`settlePayment`: counted once),
 * `payment.failed` fails it and releases its hold unless it is already paid (`failPayment`),
 * `refund.processed` marks the refund processed. Other events, and events for payments this
 * API does not know, change nothing.
 * @returns what was done, for the log.
 */
export async function handleRazorpayEvent(services: Services, event: RazorpayWebhookEvent): Promise<string> {
  const entity = event.payload?.payment?.entity;
  switch (event.event) {
    case "payment.captured": {
      const payment = entity ? await paymentOfEntity(entity) : null;
      if (!payment || !entity?.id) return "ignored: unknown payment";
      if (entity.amount !== payment.total) {
        services.log.error(
          { paymentId: payment._id.toString(), captured: entity.amount, total: payment.total },
          "Razorpay captured an amount that isn't the payment's total; not settled",
        );
        return "ignored: amount mismatch";
      }
      const settled = await settlePayment(services, payment._id, { gatewayPaymentId: entity.id });
      return settled?.changed ? "settled" : "already settled";
    }
    case "payment.failed": {
      const payment = entity ? await paymentOfEntity(entity) : null;
      if (!payment) return "ignored: unknown payment";
      const failed = await failPayment(services, payment._id, entity?.error_description ?? "The payment was declined");
      return failed ? "failed" : "unchanged";
    }
    case "refund.processed": {
      const refund = event.payload?.refund?.entity;
      if (!refund?.id) return "ignored: no refund";
      const marked = await markRefundProcessed({ gatewayRefundId: refund.id, notes: notesOf(refund.notes) });
      return marked ? "refund processed" : "unchanged";
    }
    default:
      return "ignored";
  }
}
