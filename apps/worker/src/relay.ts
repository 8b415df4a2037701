import { flushOrderOutbox, ordersWithStaleOutbox, type OutboxEvent } from "@tabletap/db";
import type { Logger } from "pino";

/**
 * The outbox relay (DESIGN.md, flow 2): every `intervalMs` it publishes order events that are
 * still in an order's outbox `graceMs` after they occurred — the API publishes right after
 * placing an order, so these are the ones whose first publish failed (SQS down, a crash).
 * Returns a function that stops the relay and resolves when a running pass has finished.
 */
export function startOutboxRelay(opts: {
  publish: (event: OutboxEvent) => Promise<void>;
  log: Logger;
  intervalMs: number;
  graceMs: number;
}): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    const orderIds = await ordersWithStaleOutbox(new Date(Date.now() - opts.graceMs));
    for (const orderId of orderIds) {
      if (stopped) return;
      const published = await flushOrderOutbox(orderId, opts.publish);
      if (published > 0) opts.log.info({ orderId, published }, "outbox relay published pending events");
    }
  };
  const timer = setInterval(() => {
    running = running.then(pass).catch((error: unknown) => opts.log.warn({ err: error }, "outbox relay pass failed; retrying next interval"));
  }, opts.intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
