import type { OrderChanges } from "@tabletap/realtime";
import type { Logger } from "pino";

/**
 * The outbox relay (DESIGN.md, flow 2): every `intervalMs` it delivers order events still in an
 * order's outbox `graceMs` after they occurred (`OrderChanges.relay`): `order.placed` to SQS,
 * `order.changed` to the live channels. Whoever changes an order delivers right away, so these
 * are the ones whose first delivery failed (SQS or Redis down, a crash).
 * Returns a function that stops the relay and resolves when a running pass has finished.
 */
export function startOutboxRelay(opts: {
  orderChanges: Pick<OrderChanges, "relay">;
  log: Logger;
  intervalMs: number;
  graceMs: number;
}): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    const pending = await opts.orderChanges.relay(new Date(Date.now() - opts.graceMs), () => stopped);
    if (pending.length > 0)
      opts.log.warn(
        { orderIds: pending },
        "outbox relay could not deliver every pending event; retrying next interval",
      );
  };
  const timer = setInterval(() => {
    running = running
      .then(pass)
      .catch((error: unknown) => opts.log.warn({ err: error }, "outbox relay pass failed; retrying next interval"));
  }, opts.intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
