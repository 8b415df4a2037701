import { randomUUID } from "node:crypto";
import { Payment, TableSession } from "@tabletap/db";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { razorpayTestKit, seatedGuest, TEST_CARDS, webhookSignature, type RazorpayTestKit } from "./razorpay-testing";
import type { TestClient } from "./testing";

let kit: RazorpayTestKit;
beforeAll(async () => {
  kit = await razorpayTestKit();
});
afterAll(() => kit.close());

/** A guest at a fresh table who started paying the whole bill online: the payment and its Razorpay order. */
async function startedOnline() {
  const { guest, tableCode, order } = await seatedGuest(kit.services);
  const started = await guest.call((api) =>
    api.payment.start({ tableCode, idempotencyKey: randomUUID(), method: "online", split: { kind: "full" } }),
  );
  return { guest, order, paymentId: started.payment.id, razorpayOrderId: started.checkout!.razorpayOrderId, started };
}

/** A Razorpay webhook event for a payment entity of `orderId`, as Razorpay shapes it. */
function paymentEvent(
  event: "payment.captured" | "payment.failed",
  entity: { orderId: string; paymentId: string; amount: number; notes?: Record<string, string> },
) {
  return {
    entity: "event",
    event,
    contains: ["payment"],
    payload: {
      payment: {
        entity: {
          id: entity.paymentId,
          entity: "payment",
          amount: entity.amount,
          currency: "INR",
          status: event === "payment.captured" ? "captured" : "failed",
          order_id: entity.orderId,
          notes: entity.notes ?? [],
          error_description: event === "payment.failed" ? "Your payment has been declined by your bank." : null,
        },
      },
    },
    created_at: Math.floor(Date.now() / 1000),
  };
}

async function stored(paymentId: string) {
  const payment = await Payment.findById(paymentId).lean();
  const session = await TableSession.findById(payment?.tableSessionId).lean();
  return { payment, session };
}

async function verify(guest: TestClient, paymentId: string, paid: Awaited<ReturnType<RazorpayTestKit["pay"]>>) {
  if ("error" in paid) throw new Error("declined");
  return guest.call((api) =>
    api.payment.verify({
      paymentId,
      razorpayOrderId: paid.razorpay_order_id,
      razorpayPaymentId: paid.razorpay_payment_id,
      razorpaySignature: paid.razorpay_signature,
    }),
  );
}

describe("POST /api/webhooks/razorpay", () => {
  it("checks signatures the way the SDK does: the kit's signature passes the SDK helper, a tampered body does not", () => {
    const body = JSON.stringify({ event: "payment.captured" });
    const signature = webhookSignature(body, kit.account.webhookSecret);
    expect(kit.services.payments.verifyWebhook(body, signature)).toBe(true);
    expect(kit.services.payments.verifyWebhook(`${body} `, signature)).toBe(false);
  });

  it("settles a payment when the browser never returns (payment.captured), once", async () => {
    const { paymentId, razorpayOrderId, started } = await startedOnline();
    await kit.pay(razorpayOrderId);
    const { payment, session } = await stored(paymentId);
    expect(payment).toMatchObject({ status: "paid", total: started.payment.total });
    expect(payment?.gateway?.paymentId).toMatch(/^pay_/);
    expect(session).toMatchObject({ status: "closed", closeReason: "paid" });
    expect(session?.claims.map((claim) => claim.status)).toEqual(["paid"]);
  });

  it("counts a payment once when the webhook settles it before the browser's verify", async () => {
    const { guest, paymentId, razorpayOrderId } = await startedOnline();
    const paid = await kit.pay(razorpayOrderId);
    const before = await stored(paymentId);
    expect(before.payment?.status).toBe("paid");
    const view = await verify(guest, paymentId, paid);
    expect(view.status).toBe("paid");
    const after = await stored(paymentId);
    expect(after.payment?.version).toBe(before.payment?.version);
    expect(after.payment?.paidAt).toEqual(before.payment?.paidAt);
    expect(after.session?.claims).toEqual(before.session?.claims);
  });

  it("refuses a bad signature with 400 and changes nothing", async () => {
    const { paymentId, razorpayOrderId, started } = await startedOnline();
    const event = paymentEvent("payment.captured", {
      orderId: razorpayOrderId,
      paymentId: "pay_Forged0000001",
      amount: started.payment.total,
      notes: { paymentId },
    });
    const before = await stored(paymentId);
    const response = await kit.postWebhook(event, { signature: "0".repeat(64) });
    expect(response.status).toBe(400);
    const unsigned = await kit.postWebhook(event, { signature: "" });
    expect(unsigned.status).toBe(400);
    expect(await stored(paymentId)).toEqual(before);
  });

  it("answers a duplicate event id 200 and changes nothing", async () => {
    const { paymentId, razorpayOrderId, started } = await startedOnline();
    const eventId = `evt_${randomUUID().replaceAll("-", "").slice(0, 14)}`;
    const failed = paymentEvent("payment.failed", {
      orderId: razorpayOrderId,
      paymentId: "pay_Declined00001",
      amount: started.payment.total,
      notes: { paymentId },
    });
    expect((await kit.postWebhook(failed, { eventId })).status).toBe(200);
    const before = await stored(paymentId);
    expect(before.payment?.status).toBe("failed");
    // The same event id again (even with another body) is a redelivery: nothing happens.
    const captured = paymentEvent("payment.captured", {
      orderId: razorpayOrderId,
      paymentId: "pay_Captured00001",
      amount: started.payment.total,
      notes: { paymentId },
    });
    const again = await kit.postWebhook(captured, { eventId });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await stored(paymentId)).toEqual(before);
  });

  it("ignores a payment.failed delivered after the capture (out of order)", async () => {
    const { paymentId, razorpayOrderId, started } = await startedOnline();
    await kit.pay(razorpayOrderId);
    const before = await stored(paymentId);
    const late = paymentEvent("payment.failed", {
      orderId: razorpayOrderId,
      paymentId: "pay_EarlierTry001",
      amount: started.payment.total,
      notes: { paymentId },
    });
    expect((await kit.postWebhook(late)).status).toBe(200);
    expect(await stored(paymentId)).toEqual(before);
    expect(before.payment?.status).toBe("paid");
  });

  it("fails a declined payment and frees its part; a retry in the same Checkout that is captured is never lost", async () => {
    const { paymentId, razorpayOrderId } = await startedOnline();
    const declined = await kit.pay(razorpayOrderId, TEST_CARDS.declined);
    expect("error" in declined).toBe(true);
    const failed = await stored(paymentId);
    expect(failed.payment).toMatchObject({ status: "failed" });
    expect(failed.session?.claims).toEqual([]);
    expect(failed.session?.status).toBe("open");

    await kit.pay(razorpayOrderId, TEST_CARDS.success);
    const paid = await stored(paymentId);
    expect(paid.payment?.status).toBe("paid");
    expect(paid.session?.claims.map((claim) => claim.status)).toEqual(["paid"]);
    expect(paid.session?.status).toBe("closed");
  });

  it("marks a pending refund processed on refund.processed, once", async () => {
    const { paymentId, razorpayOrderId } = await startedOnline();
    await kit.pay(razorpayOrderId);
    // A refund Razorpay accepted at normal speed: pending until its webhook.
    const refundId = new Types.ObjectId();
    await Payment.updateOne(
      { _id: paymentId },
      {
        $push: {
          refunds: {
            _id: refundId,
            amount: 500,
            reason: "Cold dessert",
            status: "pending",
            gatewayRefundId: "rfnd_Pending000001",
            by: new Types.ObjectId(),
            at: new Date(),
          },
        },
        $inc: { refunded: 500 },
      },
    );
    const event = {
      entity: "event",
      event: "refund.processed",
      contains: ["refund", "payment"],
      payload: {
        refund: {
          entity: {
            id: "rfnd_Pending000001",
            entity: "refund",
            amount: 500,
            status: "processed",
            notes: { paymentId, refundId: refundId.toString() },
          },
        },
      },
    };
    expect((await kit.postWebhook(event)).status).toBe(200);
    const processed = (await Payment.findById(paymentId).lean())!;
    expect(processed.refunds[0]).toMatchObject({ status: "processed", gatewayRefundId: "rfnd_Pending000001" });
    expect(processed.refunded).toBe(500);
    // Delivered again under a new event id: still one refund of 500.
    expect((await kit.postWebhook(event)).status).toBe(200);
    expect((await Payment.findById(paymentId).lean())!.refunded).toBe(500);
  });

  it("refuses a capture whose order isn't the payment's, changing nothing", async () => {
    const first = await startedOnline();
    const second = await startedOnline();
    const before = await stored(first.paymentId);
    const crossed = paymentEvent("payment.captured", {
      orderId: second.razorpayOrderId,
      paymentId: "pay_Crossed000001",
      amount: first.started.payment.total,
      notes: { paymentId: first.paymentId },
    });
    expect((await kit.postWebhook(crossed)).status).toBe(200);
    expect(await stored(first.paymentId)).toEqual(before);
  });
});
