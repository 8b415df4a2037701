import type { OrderChanges } from "@tabletap/realtime";
import type { Logger } from "pino";

/**
 * The outbox relay (DESIGN.md, flow 2): every `intervalMs` it delivers order events still in an
 * order's outbox `graceMs` after their delivery failed (`OrderChanges.relay`, from the
 * pending-outbox index in Redis): `order.placed` to SQS, `order.changed` to the live channels.
 * Whoever changes an order delivers right away, so these are the ones whose first delivery
 * failed (SQS or Redis down). At start and then every `sweepIntervalMs` it also runs the full
 * sweep (`OrderChanges.sweep`), which finds pending events by reading the orders themselves
 * (a process that died between writing an order and delivering it).
 * Returns a function that stops the relay and resolves when a running pass has finished.
 */
export function startOutboxRelay(opts: {
  orderChanges: Pick<OrderChanges, "relay" | "sweep">;
  log: Logger;
  intervalMs: number;
  graceMs: number;
  sweepIntervalMs: number;
}): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastSweep = -Infinity;
  const pass = async () => {
    const olderThan = new Date(Date.now() - opts.graceMs);
    const sweeping = Date.now() - lastSweep >= opts.sweepIntervalMs;
    if (sweeping) lastSweep = Date.now();
    const pending = [
      ...(await opts.orderChanges.relay(olderThan, () => stopped)),
      ...(sweeping ? await opts.orderChanges.sweep(olderThan, () => stopped) : []),
    ];
    if (pending.length > 0)
      opts.log.warn(
        { orderIds: [...new Set(pending)] },
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
