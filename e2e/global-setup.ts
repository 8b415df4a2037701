import { connectDb, disconnectDb } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { seedHistory } from "@tabletap/db/seed-history";
import { appUrls } from "./app-urls";

/**
 * Points the local Razorpay's default account (the keys the test stack gives the apps) at the
 * guest app under test, so its signed webhooks (payment captured, declined) reach
 * `/api/webhooks/razorpay`: the test stack starts the driver before the apps have ports, with
 * no webhook URL. Nothing to do against real Razorpay (`RAZORPAY_API_URL` unset).
 */
async function routeRazorpayWebhooks(): Promise<void> {
  const { RAZORPAY_API_URL, RAZORPAY_KEY_ID } = process.env;
  if (!RAZORPAY_API_URL || !RAZORPAY_KEY_ID) return;
  const webhookUrl = `${appUrls().GUEST_URL}/api/webhooks/razorpay`;
  const response = await fetch(new URL(`/_local/accounts/${RAZORPAY_KEY_ID}`, RAZORPAY_API_URL), {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ webhookUrl }),
  });
  if (!response.ok) throw new Error(`razorpay-local: ${response.status} ${await response.text()}`);
}

/**
 * Seeds the demo restaurant into the test database the apps use (idempotent), with its last 30
 * days of order history, as `./scripts/dev.sh` does (the admin's analytics and screenshots show
 * it), and routes the local Razorpay's webhooks to the guest app under test.
 */
export default async function globalSetup(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error("MONGODB_URI is not set: run the e2e tests through scripts/test.sh (the test stack)");
  await connectDb(uri);
  const { slug } = await seedDemo();
  await seedHistory(slug);
  await disconnectDb();
  await routeRazorpayWebhooks();
}
