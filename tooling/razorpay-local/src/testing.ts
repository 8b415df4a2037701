/**
 * A webhook receiver for tests: a node:http server on 127.0.0.1 that records every POST (raw
 * body and headers) and answers 200 (500 to the next `failNext(n)` ones), after `answerAfterMs`
 * (default 0: at once), as a slow app would. A POST is recorded when it is answered.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent. */
  body: string;
  /** The status this receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer the next `n` requests with 500. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(opts: { answerAfterMs?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answered = failures > 0 ? 500 : 200;
      if (failures > 0) failures -= 1;
      setTimeout(() => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), answered });
        res.writeHead(answered).end();
      }, opts.answerAfterMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/razorpay`,
    received,
    failNext(n) {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
