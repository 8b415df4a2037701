/**
 * Test support for payments: a merchant account of its own on the stack's local Razorpay driver
 * (`RAZORPAY_API_URL`), whose signed webhooks reach this API's webhook handler over HTTP, and
 * services using that account's keys. One kit per test file, so no test sees another's orders or
 * webhooks. No mocks: the SDK talks to the driver as it would to Razorpay.
 */
import { createHmac, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createLocalAccount, payLocalOrder, type LocalAccount } from "@tabletap/razorpay-local";
import { razorpayWebhookHandler } from "./http";
import type { Services } from "./services";
import { seedRestaurant, signedInGuest, testServices, type TestClient } from "./testing";

/** A test file's Razorpay: its account, the services using it, and helpers. */
export interface RazorpayTestKit {
  services: Services;
  account: LocalAccount;
  /** Where the driver posts this account's webhooks: this process's `razorpayWebhookHandler`. */
  webhookUrl: string;
  /** Pays a Razorpay order as Checkout would, without a browser; the webhook is delivered before it resolves. */
  pay(orderId: string, card?: string): ReturnType<typeof payLocalOrder>;
  /** POSTs `event` to the webhook handler signed as Razorpay signs it (HMAC-SHA256 of the raw body), or with `signature`. */
  postWebhook(event: unknown, opts?: { eventId?: string; signature?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** The card the driver accepts, and the one it declines. */
export const TEST_CARDS = { success: "4111 1111 1111 1111", declined: "4000 0000 0000 0002" } as const;

/** `rawBody` signed with `secret` as Razorpay signs webhooks: hex HMAC-SHA256. */
export function webhookSignature(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * Starts the kit: a webhook endpoint on 127.0.0.1, then a driver account posting to it (or,
 * with `webhooks: false`, posting nowhere: a browser that returns is then the only settler).
 */
export async function razorpayTestKit(opts: { webhooks?: boolean } = {}): Promise<RazorpayTestKit> {
  const apiUrl = process.env.RAZORPAY_API_URL;
  if (!apiUrl) throw new Error("RAZORPAY_API_URL is unset: run the tests under the local stack");
  let services: Services | undefined;
  const handle = razorpayWebhookHandler({
    services: () => {
      if (!services) throw new Error("The kit's services are not ready yet");
      return services;
    },
  });
  const listener = getRequestListener((req) => handle(req));
  const server = createServer((req, res) => void listener(req, res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/razorpay`;
  const account = await createLocalAccount(apiUrl, opts.webhooks === false ? null : webhookUrl);
  const ready = testServices({
    RAZORPAY_KEY_ID: account.keyId,
    RAZORPAY_KEY_SECRET: account.keySecret,
    RAZORPAY_WEBHOOK_SECRET: account.webhookSecret,
  });
  services = ready;
  return {
    services: ready,
    account,
    webhookUrl,
    pay: (orderId, card = TEST_CARDS.success) => payLocalOrder(apiUrl, orderId, { card }),
    postWebhook(event, opts = {}) {
      const body = JSON.stringify(event);
      return fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-razorpay-event-id": opts.eventId ?? `evt_${randomUUID().replaceAll("-", "").slice(0, 14)}`,
          "x-razorpay-signature": opts.signature ?? webhookSignature(body, account.webhookSecret),
        },
        body,
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * A fresh restaurant with a guest who ordered at table T1 (Rasmalai ×1 and Gulab Jamun ×2 by
 * default: two lines), calling the API with `services`.
 */
export async function seatedGuest(
  services: Services,
  items: { name: string; quantity: number }[] = [
    { name: "Rasmalai", quantity: 1 },
    { name: "Gulab Jamun", quantity: 2 },
  ],
) {
  const seeded = await seedRestaurant();
  const guest = await signedInGuest(undefined, services);
  const tableCode = seeded.tables[0]!.code;
  const order = await placeAt(guest, seeded, tableCode, items);
  return { seeded, guest, tableCode, order };
}

/** An order by `guest` at `tableCode` of the seeded restaurant's items by name. */
export async function placeAt(
  guest: TestClient,
  seeded: Awaited<ReturnType<typeof seedRestaurant>>,
  tableCode: string,
  items: { name: string; quantity: number }[],
) {
  return guest.call((api) =>
    api.order.place({
      tableCode,
      idempotencyKey: randomUUID(),
      items: items.map(({ name, quantity }) => {
        const item = seeded.items.get(name);
        if (!item) throw new Error(`No seeded item ${name}`);
        return { menuItemId: item._id.toString(), quantity };
      }),
    }),
  );
}
