import { razorpayWebhookHandler } from "@tabletap/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `POST /api/webhooks/razorpay`: Razorpay's signed webhooks (`payment.captured`, `payment.failed`,
 * `refund.processed`), verified on the raw body and applied once (see `razorpayWebhookHandler`).
 */
export const POST = razorpayWebhookHandler();
